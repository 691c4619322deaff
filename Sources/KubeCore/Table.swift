import Foundation

/// `meta.k8s.io/v1 Table`: the server-side rendering `kubectl get` prints.
public struct Table: Codable, Sendable, Hashable {
    public var apiVersion: String? = "meta.k8s.io/v1"
    public var kind: String? = "Table"
    public var metadata: ListMeta?
    public var columnDefinitions: [Column]
    public var rows: [Row]?

    public init(metadata: ListMeta? = nil, columnDefinitions: [Column], rows: [Row]) {
        self.metadata = metadata
        self.columnDefinitions = columnDefinitions
        self.rows = rows
    }

    /// `TableColumnDefinition`.
    public struct Column: Codable, Sendable, Hashable {
        public var name: String
        /// OpenAPI type: `string`, `integer`, `number`, `boolean`, `date`.
        public var type: String
        public var format: String?
        public var description: String?
        /// 0 for the default view; higher only with `-o wide`.
        public var priority: Int?

        public init(name: String, type: String, format: String? = nil, description: String? = nil, priority: Int? = 0) {
            self.name = name
            self.type = type
            self.format = format
            self.description = description
            self.priority = priority
        }
    }

    /// `TableRow`: cells in column order, and the object (usually its metadata only).
    public struct Row: Codable, Sendable, Hashable {
        public var cells: [JSONValue]
        public var object: JSONValue?
        public var conditions: [JSONValue]?

        public init(cells: [JSONValue], object: JSONValue? = nil) {
            self.cells = cells
            self.object = object
        }
    }
}
