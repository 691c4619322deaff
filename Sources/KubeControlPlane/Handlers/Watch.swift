import Foundation
import KubeCore
import KubeHTTPServer

extension APIServer {
    /// `?watch=true`: events as newline-delimited JSON over a chunked response.
    ///
    /// Without a resourceVersion (or with `0`) the current objects come first as ADDED
    /// events; with one, the changes after it — or a 410 `ERROR` event when it is older
    /// than the retained history. Objects that stop (start) matching the selectors are
    /// sent as DELETED (ADDED), as the real server does.
    func watch(_ r: ServedResource, namespace: String?, _ request: ServerRequest) throws -> ServerResponse {
        let selection = try Selection(
            resource: r, labelSelector: request.queryValue("labelSelector"),
            fieldSelector: request.queryValue("fieldSelector"))
        let requested = request.queryValue("resourceVersion") ?? ""
        let sendInitial = request.queryValue("sendInitialEvents") == "true" || requested.isEmpty || requested == "0"
        let bookmarks = request.queryValue("allowWatchBookmarks") == "true"
        let explicitInitialEnd = request.queryValue("sendInitialEvents") == "true"
        let timeout = Int(request.queryValue("timeoutSeconds") ?? "") ?? 1800
        var after: Int64?
        if !sendInitial || explicitInitialEnd {
            if let rv = Int64(requested) {
                after = rv
            } else if !requested.isEmpty && requested != "0" {
                throw APIStatus.badRequest("resourceVersion: Invalid value: \"\(requested)\": must be a number")
            }
        }
        var initial: [StoredObject] = []
        let start: WatchHub.Start
        if sendInitial {
            // Snapshot and subscription must not miss a write in between: subscribe from the
            // snapshot's revision.
            let snapshot = store.list(r.storageKey, namespace: namespace)
            initial = snapshot.objects.filter(selection.matches)
            start = store.hub.subscribe(resource: r.storageKey, after: snapshot.revision)
            after = snapshot.revision
        } else {
            start = store.hub.subscribe(resource: r.storageKey, after: after)
        }
        let hub = store.hub
        let initialObjects = initial
        // `kubectl get --watch` asks for tables: each event then carries a one-row Table,
        // the first one with the column definitions.
        let tables = TableRendering.wanted(request) ? TableEvents(resource: r, request: request) : nil
        let interval = bookmarkInterval
        let kind = r.kind
        let apiVersion = r.apiVersion
        switch start {
        case .gone(let oldest):
            let status = Status(
                message: "too old resource version: \(requested) (\(oldest))", reason: .expired, code: 410)
            return ServerResponse(
                status: .ok, headers: ["Content-Type": "application/json"],
                body: .stream { writer in
                    let event: JSONValue = ["type": "ERROR", "object": try JSONValue(encoding: status)]
                    try await writer.write(Array(event.serialized()) + [0x0A])
                })
        case .events(let backlog, let queue, let id):
            let startRevision = after ?? store.currentRevision
            return ServerResponse(
                status: .ok, headers: ["Content-Type": "application/json"],
                body: .stream { [self] writer in
                    defer { hub.unsubscribe(id) }
                    // The initial events and the backlog go out in chunks of about 64 KiB.
                    var chunk: [UInt8] = []
                    func add(_ line: [UInt8]) async throws {
                        chunk += line
                        if chunk.count >= 65_536 {
                            try await writer.write(chunk)
                            chunk = []
                        }
                    }
                    for object in initialObjects {
                        try await add(self.eventLine("ADDED", tables?.render(object) ?? self.served(object, as: r)))
                    }
                    if explicitInitialEnd && bookmarks {
                        try await add(
                            Self.bookmarkLine(
                                kind: kind, apiVersion: apiVersion, revision: startRevision, initialEventsEnd: true))
                    }
                    for event in backlog {
                        if let line = self.line(for: event, r, namespace: namespace, selection, tables: tables) {
                            try await add(line)
                        }
                    }
                    try await writer.write(chunk)
                    let deadline = ContinuousClock.now + .seconds(timeout)
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask {
                            // What queued up while the last chunk was written goes out as one chunk.
                            while let batch = await queue.next() {
                                var chunk: [UInt8] = []
                                for item in batch {
                                    switch item {
                                    case .change(let event):
                                        if let line = self.line(
                                            for: event, r, namespace: namespace, selection, tables: tables)
                                        {
                                            chunk += line
                                        }
                                    case .progress(let revision):
                                        chunk += Self.bookmarkLine(
                                            kind: kind, apiVersion: apiVersion, revision: revision,
                                            initialEventsEnd: false)
                                    }
                                }
                                try await writer.write(chunk)
                            }
                        }
                        if bookmarks {
                            group.addTask {
                                while !Task.isCancelled {
                                    try await Task.sleep(for: interval)
                                    hub.markProgress(id)
                                }
                            }
                        }
                        group.addTask { try await Task.sleep(until: deadline) }
                        // A client that went away ends the watch at once, not at the next write.
                        group.addTask { await writer.waitUntilClosedOrCancelled() }
                        _ = try await group.next()
                        group.cancelAll()
                    }
                })
        }
    }

    /// The line for a change, or `nil` when the watcher does not see it.
    func line(
        for event: ChangeEvent, _ r: ServedResource, namespace: String?, _ selection: Selection,
        tables: TableEvents? = nil
    ) -> [UInt8]? {
        if let namespace, event.object.namespace != namespace { return nil }
        let now = selection.matches(event.object)
        let before = event.previous.map(selection.matches) ?? false
        let type: String
        switch (event.type, before, now) {
        case (.deleted, _, _): type = before || now ? "DELETED" : ""
        case (.added, _, true): type = "ADDED"
        case (.modified, true, true): type = "MODIFIED"
        case (.modified, false, true): type = "ADDED"
        case (.modified, true, false): type = "DELETED"
        default: type = ""
        }
        if type.isEmpty { return nil }
        return eventLine(type, tables?.render(event.object) ?? served(event.object, as: r))
    }

    func eventLine(_ type: String, _ object: Data) -> [UInt8] {
        var line = Array(#"{"type":""#.utf8)
        line.append(contentsOf: type.utf8)
        line.append(contentsOf: #"","object":"#.utf8)
        line.append(contentsOf: object)
        line.append(contentsOf: "}\n".utf8)
        return line
    }

    static func bookmarkLine(kind: String, apiVersion: String, revision: Int64, initialEventsEnd: Bool) -> [UInt8] {
        var metadata: JSONValue = ["resourceVersion": .string(String(revision))]
        if initialEventsEnd { metadata["annotations"] = ["k8s.io/initial-events-end": "true"] }
        let event: JSONValue = [
            "type": "BOOKMARK",
            "object": ["kind": .string(kind), "apiVersion": .string(apiVersion), "metadata": metadata],
        ]
        return Array(event.serialized()) + [0x0A]
    }
}

/// Renders watch events as one-row tables; only the first carries the column definitions,
/// as the real server does, so kubectl prints the header once.
final class TableEvents: @unchecked Sendable {
    private let lock = NSLock()
    private var sentColumns = false
    let resource: ServedResource
    let request: ServerRequest

    init(resource: ServedResource, request: ServerRequest) {
        self.resource = resource
        self.request = request
    }

    func render(_ object: StoredObject) -> Data? {
        guard
            let data = try? TableRendering.table(
                for: [object], resource: resource, listRevision: object.revision, continueToken: nil, request: request),
            var table = try? JSONValue.parse(data)
        else { return nil }
        lock.lock()
        let first = !sentColumns
        sentColumns = true
        lock.unlock()
        if !first { table["columnDefinitions"] = [] }
        return table.serialized()
    }
}
