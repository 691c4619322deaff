import Foundation
import GRDB
import KubeCore

/// Durable storage behind the in-memory store. Every acknowledged write is
/// committed here before the API answers.
protocol Persistence: Sendable {
    /// Everything stored, and the last revision handed out.
    func load() throws -> (revision: Int64, objects: [(resource: String, object: StoredObject)])
    /// Records a created or updated object.
    func put(resource: String, object: StoredObject) throws
    /// Records a deletion at `revision`.
    func delete(resource: String, key: String, revision: Int64) throws
}

/// No durability, for `--in-memory` and tests.
struct MemoryPersistence: Persistence {
    func load() throws -> (revision: Int64, objects: [(resource: String, object: StoredObject)]) { (0, []) }
    func put(resource: String, object: StoredObject) throws {}
    func delete(resource: String, key: String, revision: Int64) throws {}
}

/// SQLite in write-ahead-log mode. `synchronous=NORMAL` survives a killed process
/// (the WAL is in the OS's hands once a commit returns); only a power loss could
/// drop the last transactions, as with etcd's default batching.
final class SQLitePersistence: Persistence {
    private let queue: DatabaseQueue

    init(path: String) throws {
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS objects (
                        resource TEXT NOT NULL,
                        key TEXT NOT NULL,
                        namespace TEXT,
                        name TEXT NOT NULL,
                        revision INTEGER NOT NULL,
                        data BLOB NOT NULL,
                        PRIMARY KEY (resource, key)
                    ) WITHOUT ROWID;
                    CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
                    """)
        }
    }

    func load() throws -> (revision: Int64, objects: [(resource: String, object: StoredObject)]) {
        try queue.read { db in
            let revision = try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'revision'") ?? 0
            var objects: [(String, StoredObject)] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT resource, data, revision FROM objects")
            while let row = try rows.next() {
                let resource: String = row["resource"]
                let data: Data = row["data"]
                let rev: Int64 = row["revision"]
                let json = try JSONValue.parse(data)
                objects.append((resource, StoredObject(json: json, revision: rev)))
            }
            return (revision, objects)
        }
    }

    func put(resource: String, object: StoredObject) throws {
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO objects (resource, key, namespace, name, revision, data) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (resource, key) DO UPDATE SET revision = excluded.revision, data = excluded.data
                    """,
                arguments: [resource, object.key, object.namespace, object.name, object.revision, object.data])
            try Self.saveRevision(db, object.revision)
        }
    }

    func delete(resource: String, key: String, revision: Int64) throws {
        try queue.write { db in
            try db.execute(sql: "DELETE FROM objects WHERE resource = ? AND key = ?", arguments: [resource, key])
            try Self.saveRevision(db, revision)
        }
    }

    private static func saveRevision(_ db: Database, _ revision: Int64) throws {
        try db.execute(
            sql:
                "INSERT INTO meta (name, value) VALUES ('revision', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            arguments: [revision])
    }
}
