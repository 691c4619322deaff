import Foundation
import KubeCore
import KubeHTTPServer

extension APIServer {
    /// The stored bytes of `object` as served at `resource`'s version: the single read-side
    /// conversion hook (custom resource versions, Events stored as core v1).
    func served(_ object: StoredObject, as resource: ServedResource) -> Data {
        resource.serve(object)
    }

    func get(_ r: ServedResource, namespace: String?, name: String, _ request: ServerRequest) throws -> ServerResponse {
        guard let object = store.get(r.storageKey, key: ObjectKey.make(namespace: namespace, name: name)) else {
            throw APIStatus.notFound(r, name)
        }
        if TableRendering.wanted(request) {
            return APIResponse.json(
                try TableRendering.table(
                    for: [object], resource: r, listRevision: nil, continueToken: nil, request: request))
        }
        return APIResponse.json(served(object, as: r))
    }

    /// One page of a list: label and field selection, `limit` and `continue`.
    func list(_ r: ServedResource, namespace: String?, _ request: ServerRequest) throws -> ServerResponse {
        let selection = try Selection(
            resource: r, labelSelector: request.queryValue("labelSelector"),
            fieldSelector: request.queryValue("fieldSelector"))
        var items: [StoredObject]
        let listRevision: Int64
        var startAfter: String?
        if let token = request.queryValue("continue"), !token.isEmpty {
            // Later pages show the snapshot of the first page's revision, as etcd's MVCC does.
            let decoded = try ContinueToken.decode(token)
            guard let snapshot = store.list(r.storageKey, namespace: namespace, at: decoded.revision) else {
                throw APIStatus(
                    code: 410, reason: .expired,
                    message:
                        "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter."
                )
            }
            items = snapshot
            listRevision = decoded.revision
            startAfter = decoded.lastKey
        } else {
            let snapshot = store.list(r.storageKey, namespace: namespace)
            items = snapshot.objects
            listRevision = snapshot.revision
        }
        if let startAfter {
            // Keys are sorted: skip everything up to and including the last key served.
            items = Array(items.drop { $0.key <= startAfter })
        }
        if !selection.isEverything { items = items.filter(selection.matches) }
        let limit = Int(request.queryValue("limit") ?? "") ?? 0
        var continueToken: String?
        var remaining: Int64?
        if limit > 0, items.count > limit {
            remaining = Int64(items.count - limit)
            items = Array(items.prefix(limit))
            continueToken = ContinueToken(revision: listRevision, lastKey: items.last?.key ?? "").encoded
        }
        if TableRendering.wanted(request) {
            return APIResponse.json(
                try TableRendering.table(
                    for: items, resource: r, listRevision: listRevision, continueToken: continueToken, request: request)
            )
        }
        var meta: [String: JSONValue] = ["resourceVersion": .string(String(listRevision))]
        if let continueToken { meta["continue"] = .string(continueToken) }
        if let remaining { meta["remainingItemCount"] = .int(remaining) }
        // Assemble the list from stored bytes rather than re-encoding every item.
        var body = Data()
        body.reserveCapacity(items.reduce(128) { $0 + $1.data.count + 1 })
        body.append(contentsOf: #"{"apiVersion":""#.utf8)
        body.append(contentsOf: r.apiVersion.utf8)
        body.append(contentsOf: #"","items":["#.utf8)
        for (i, item) in items.enumerated() {
            if i > 0 { body.append(UInt8(ascii: ",")) }
            body.append(served(item, as: r))
        }
        body.append(contentsOf: #"],"kind":""#.utf8)
        body.append(contentsOf: (r.kind + "List").utf8)
        body.append(contentsOf: #"","metadata":"#.utf8)
        body.append(JSONValue.object(meta).serialized())
        body.append(UInt8(ascii: "}"))
        return APIResponse.json(body)
    }
}

/// The opaque `continue` token: the list's revision and the last key served.
struct ContinueToken: Codable {
    var revision: Int64
    var lastKey: String

    enum CodingKeys: String, CodingKey {
        case revision = "rv"
        case lastKey = "start"
    }

    var encoded: String {
        ((try? KubeJSON.encode(self)) ?? Data()).base64EncodedString()
    }

    static func decode(_ token: String) throws -> ContinueToken {
        guard let data = Data(base64Encoded: token), let t = try? KubeJSON.decode(ContinueToken.self, from: data) else {
            throw APIStatus.badRequest("continue key is not valid: the token could not be decoded")
        }
        return t
    }
}
