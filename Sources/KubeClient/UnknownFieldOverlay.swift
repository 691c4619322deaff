import KubeCore

/// Carries a typed model's changes onto the full JSON object it was decoded from.
///
/// `before` is what the model saw of `raw` (decoded and re-encoded), `after` is
/// what the caller wants. Wherever `after` equals `before`, `raw` is kept as is,
/// so fields the model does not know survive; where they differ, the change is
/// applied. Arrays of equal length are merged element by element (so a changed
/// container image keeps the container's unknown fields); arrays whose length
/// changed are replaced.
enum UnknownFieldOverlay {
    static func overlay(raw: JSONValue?, before: JSONValue?, after: JSONValue) -> JSONValue {
        guard let raw else { return after }
        if let before, before == after { return raw }
        switch (raw, before, after) {
        case (.object(var r), let b, .object(let a)):
            let bObject = b?.objectValue ?? [:]
            for key in bObject.keys where a[key] == nil {
                // The model knew this field and the caller removed it.
                r[key] = nil
            }
            for (key, value) in a {
                r[key] = overlay(raw: r[key], before: bObject[key], after: value)
            }
            return .object(r)
        case (.array(let r), .array(let b)?, .array(let a)) where r.count == a.count && b.count == a.count:
            return .array((0..<a.count).map { overlay(raw: r[$0], before: b[$0], after: a[$0]) })
        default:
            return after
        }
    }
}
