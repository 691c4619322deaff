import Foundation

/// JSON merge patch (RFC 7386), the `application/merge-patch+json` patch type.
///
/// Objects merge key by key, `null` removes a key, and anything else (arrays included)
/// replaces the target value whole.
public enum JSONMergePatch {
    /// Applies `patch` to `target`.
    public static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        guard case .object(let patchMembers) = patch else { return patch }
        // A patch object turns a non-object target into an object (RFC 7386 §2).
        var result = target.objectValue ?? [:]
        for (key, value) in patchMembers {
            if value.isNull {
                result.removeValue(forKey: key)
            } else {
                result[key] = apply(value, to: result[key] ?? .null)
            }
        }
        return .object(result)
    }

    /// A merge patch that turns `source` into `target`: `apply(diff(from: a, to: b), to: a) == b`.
    ///
    /// Removed keys become `null`. Merge patches cannot set a value to `null`, so `null`
    /// values inside `target` objects come out as removals (a limit of RFC 7386).
    /// Arrays that differ are sent whole. Equal objects give `{}`; when either side is not
    /// an object the patch is `target` itself.
    public static func diff(from source: JSONValue, to target: JSONValue) -> JSONValue {
        guard case .object(let a) = source, case .object(let b) = target else {
            // A non-object patch replaces the document, which is right even when equal:
            // `{}` would turn a scalar target into an object.
            return target
        }
        var patch = [String: JSONValue]()
        for key in a.keys where b[key] == nil {
            patch[key] = .null
        }
        for (key, newValue) in b {
            guard let oldValue = a[key] else {
                patch[key] = newValue
                continue
            }
            if JSONEquality.equal(oldValue, newValue) { continue }
            if case .object = oldValue, case .object = newValue {
                patch[key] = diff(from: oldValue, to: newValue)
            } else {
                patch[key] = newValue
            }
        }
        return .object(patch)
    }
}

/// JSON equality as RFC 6902 and 7386 define it: numbers compare by value, so `1` and
/// `1.0` are equal, which `JSONValue`'s `==` (structural) does not say.
public enum JSONEquality {
    public static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.int(let x), .double(let y)), (.double(let y), .int(let x)):
            return Double(x) == y && (y.magnitude < 9.2e18 ? Int64(y) == x : false)
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            for (k, v) in x {
                guard let w = y[k], equal(v, w) else { return false }
            }
            return true
        default:
            return a == b
        }
    }
}
