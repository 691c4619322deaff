import Foundation

/// Decodes `Decodable` values from JSON: a drop-in replacement for Foundation's
/// `JSONDecoder` with its default strategies, many times faster on Linux.
///
/// One validating pass indexes the document into a flat token array; models
/// then decode straight from that index, converting only the strings and numbers
/// they ask for and skipping unknown fields in constant time. Object members are
/// found by comparing key bytes, starting after the previously decoded member
/// (models usually read fields in document order).
///
/// Behaviour matches `JSONDecoder()` for valid JSON: the same values, the same
/// `DecodingError` cases with the same coding paths (so `try?` fallbacks such as
/// int-or-string decode the same way), first-wins duplicate keys, integers
/// accepted from `1.0` or `1e3`, base64 `Data`, `URL` and `Decimal` handling,
/// and `Date` decoded with the default `.deferredToDate` strategy. Differences:
///
/// - It is stricter about malformed JSON: trailing commas, bad escapes, bad
///   number syntax or raw control characters anywhere in the document are
///   rejected even inside fields the model ignores.
/// - Numbers that do not fit the requested type, and strings that are not valid
///   UTF-8, throw `DecodingError.dataCorrupted` with the path of the offending
///   value (Foundation reports an empty path and "not valid JSON").
/// - Key and date/data decoding strategies are not offered.
///
/// UTF-16 and UTF-32 input, and input of 4 GiB or more, is handed to Foundation.
public struct FastJSONDecoder: Sendable {
    /// Contextual information for custom `init(from:)` implementations.
    public var userInfo: [CodingUserInfoKey: any Sendable]

    /// Creates a decoder.
    public init(userInfo: [CodingUserInfoKey: any Sendable] = [:]) {
        self.userInfo = userInfo
    }

    /// Decodes a value of `type` from JSON bytes.
    public func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try data.withUnsafeBytes { try decode(type, from: $0) }
    }

    /// Decodes a value of `type` from JSON bytes held in memory the caller owns
    /// for the duration of the call.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws -> T {
        guard let raw = bytes.baseAddress, bytes.count > 0 else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: [], debugDescription: "The given data was not valid JSON.",
                    underlyingError: JSONSyntaxError(offset: 0, reason: "empty input")))
        }
        var start = raw.assumingMemoryBound(to: UInt8.self)
        var count = bytes.count
        if count >= 2 {
            let b0 = start[0]
            let b1 = start[1]
            if b0 == 0 || b1 == 0 || (b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE) {
                return try foundationDecode(type, from: bytes)  // UTF-16 or UTF-32
            }
        }
        if count >= 3, start[0] == 0xEF, start[1] == 0xBB, start[2] == 0xBF {
            start += 3
            count -= 3
        }
        if count >= Int(UInt32.max) { return try foundationDecode(type, from: bytes) }

        var builder = FJTapeBuilder(base: start, count: count)
        do {
            try builder.build()
        } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: [], debugDescription: "The given data was not valid JSON.", underlyingError: error))
        }
        var impl = _FJDecoder(
            document: _FJDocument(bytes: start, byteCount: count, tape: builder.tape, tokenCount: builder.count),
            current: 0, path: [], userInfo: userInfo)
        defer {
            // A decoder or container that escaped `init(from:)` must not point into the caller's buffer.
            if !isKnownUniquelyReferenced(&impl) || !isKnownUniquelyReferenced(&impl.doc) {
                impl.doc.takeOwnershipOfBytes()
            }
        }
        return try impl.unwrap(0, as: T.self, _FJContext(depth: 0), nil)
    }

    private func foundationDecode<T: Decodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws -> T {
        let decoder = JSONDecoder()
        decoder.userInfo = userInfo
        return try decoder.decode(T.self, from: Data(bytes))
    }
}

/// The bytes and the tape of one document, shared by its decoders.
final class _FJDocument {
    private(set) var bytes: UnsafePointer<UInt8>
    let byteCount: Int
    let tape: UnsafeMutablePointer<FJToken>
    /// Includes the trailing `null` token used for absent values.
    let tokenCount: Int
    private var owned: UnsafeMutablePointer<UInt8>?

    init(bytes: UnsafePointer<UInt8>, byteCount: Int, tape: UnsafeMutablePointer<FJToken>, tokenCount: Int) {
        self.bytes = bytes
        self.byteCount = byteCount
        self.tape = tape
        self.tokenCount = tokenCount
    }

    deinit {
        tape.deallocate()
        owned?.deallocate()
    }

    func takeOwnershipOfBytes() {
        guard owned == nil else { return }
        let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: max(byteCount, 1))
        copy.initialize(from: bytes, count: byteCount)
        owned = copy
        bytes = UnsafePointer(copy)
    }
}

/// Where a container sits: the first `depth` entries of the decoder's path stack,
/// followed by `extra` keys for containers obtained with `nestedContainer`.
struct _FJContext {
    var depth: Int
    var extra: [any CodingKey]? = nil
}

/// The coding key of an array element, as Foundation names it (`Index 3`).
struct _FJIndexKey: CodingKey {
    var index: Int
    init(_ index: Int) { self.index = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.index = intValue }
    var stringValue: String { "Index \(index)" }
    var intValue: Int? { index }
}

/// A coding key made from a string (dictionary keys, `super`).
struct _FJStringKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ s: String) {
        stringValue = s
        intValue = Int(s)
    }
    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

/// A byte range used to detect duplicate keys in large objects.
struct _FJByteKey: Hashable {
    var start: UnsafePointer<UInt8>
    var count: Int
    static func == (a: _FJByteKey, b: _FJByteKey) -> Bool {
        a.count == b.count && _FJDecoder.equalBytes(a.start, b.start, a.count)
    }
    func hash(into hasher: inout Hasher) {
        hasher.combine(bytes: UnsafeRawBufferPointer(start: start, count: count))
    }
}

/// The `Decoder`: positioned at one token, with a stack of coding keys that
/// nested decodes push and pop (no allocation per value).
final class _FJDecoder: Decoder, SingleValueDecodingContainer {
    // Accesses follow the decode recursion strictly, so dynamic exclusivity checks are skipped.
    @exclusivity(unchecked) var doc: _FJDocument
    let tape: UnsafeMutablePointer<FJToken>
    /// The token this decoder (as a single-value container) reads.
    @exclusivity(unchecked) var current: Int
    @exclusivity(unchecked) var path: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any]

    init(document: _FJDocument, current: Int, path: [any CodingKey], userInfo: [CodingUserInfoKey: Any]) {
        self.doc = document
        self.tape = document.tape
        self.current = current
        self.path = path
        self.path.reserveCapacity(32)
        self.userInfo = userInfo
    }

    var codingPath: [any CodingKey] { path }

    // MARK: Tape navigation

    /// The index of the token after the value at `i` (and its descendants).
    @inline(__always) func next(_ i: Int) -> Int {
        let t = tape[i]
        return t.kind.rawValue >= FJKind.array.rawValue ? Int(t.a) : i + 1
    }

    /// The trailing `null` token, the value of absent keys for `superDecoder`.
    var nullToken: Int { doc.tokenCount - 1 }

    @inline(__always) static func equalBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var i = 0
        while i + 8 <= n {
            let x = UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self)
            let y = UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self)
            if x != y { return false }
            i += 8
        }
        while i < n {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }

    /// The string of a string token, or nil if it is not valid UTF-8 / has an unpaired surrogate.
    @inline(__always) func stringValue(_ i: Int) -> String? {
        let t = tape[i]
        return FJText.string(doc.bytes + Int(t.a), count: Int(t.b &- t.a), flags: t.flags)
    }

    /// Finds the value of `key` in the object at `obj`; the first member wins if keys repeat.
    func find<K: CodingKey>(_ obj: Int, _ key: K) -> Int? {
        let t = tape[obj]
        if t.b == 0 { return nil }
        if t.flags & FJFlag.duplicateKeys != 0 { return findByString(obj, key.stringValue) }
        var name = key.stringValue
        let (found, definitive) = name.withUTF8 { kb -> (Int?, Bool) in
            if let v = findBytes(obj, kb) { return (v, true) }
            return (nil, t.flags & FJFlag.complexKeys == 0 && kb.allSatisfy { $0 < 0x80 })
        }
        if let found { return found }
        // Escaped or non-ASCII keys compare as Strings (canonical equivalence, as Foundation's dictionary does).
        return definitive ? nil : findByString(obj, name)
    }

    /// Byte comparison against the unescaped keys, starting at the object's hint and wrapping around.
    @inline(__always) func findBytes(_ obj: Int, _ kb: UnsafeBufferPointer<UInt8>) -> Int? {
        let t = tape[obj]
        let first = obj + 1
        let end = Int(t.a)
        var m = Int(t.c)
        if m <= obj || m >= end { m = first }
        let start = m
        let count = kb.count
        let bytes = doc.bytes
        repeat {
            let kt = tape[m]
            let v = m + 1
            let after = next(v)
            let wrapped = after < end ? after : first
            if Int(kt.b &- kt.a) == count, kt.flags & FJFlag.escaped == 0 {
                if count == 0 { return v }
                if let kp = kb.baseAddress, _FJDecoder.equalBytes(bytes + Int(kt.a), kp, count) {
                    tape[obj].c = UInt32(truncatingIfNeeded: wrapped)
                    return v
                }
            }
            m = wrapped
        } while m != start
        return nil
    }

    /// Key → value index of objects searched by string, built on first use (first key wins).
    private var stringIndexes: [Int: [String: Int]] = [:]

    /// Finds a key by String comparison: for objects with repeated, escaped or non-ASCII
    /// keys. Small objects are scanned; larger ones get an index so that decoding a big
    /// map key by key stays linear.
    func findByString(_ obj: Int, _ name: String) -> Int? {
        let end = Int(tape[obj].a)
        if tape[obj].b <= 8 {
            var m = obj + 1
            while m < end {
                if stringValue(m) == name { return m + 1 }
                m = next(m + 1)
            }
            return nil
        }
        if let index = stringIndexes[obj] { return index[name] }
        var index = [String: Int](minimumCapacity: Int(tape[obj].b))
        var m = obj + 1
        while m < end {
            if let k = stringValue(m), index[k] == nil { index[k] = m + 1 }
            m = next(m + 1)
        }
        stringIndexes[obj] = index
        return index[name]
    }

    /// Checks an object's keys once: all must be valid strings; repeated keys set
    /// `duplicateKeys` so lookups take the first. Returns false for an invalid key.
    /// The scanner has already done this for small objects with plain ASCII keys.
    func checkKeys(_ obj: Int) -> Bool {
        let t = tape[obj]
        if t.flags & FJFlag.keysChecked != 0 { return true }
        var flags = t.flags | FJFlag.keysChecked
        let n = Int(t.b)
        let end = Int(t.a)
        if n >= 2 || t.flags & FJFlag.complexKeys != 0 {
            if t.flags & FJFlag.complexKeys != 0 {
                var seen = Set<String>(minimumCapacity: n)
                var m = obj + 1
                while m < end {
                    guard let k = stringValue(m) else { return false }
                    if !seen.insert(k).inserted { flags |= FJFlag.duplicateKeys }
                    m = next(m + 1)
                }
            } else {
                var seen = Set<_FJByteKey>(minimumCapacity: n)
                var m = obj + 1
                let bytes = doc.bytes
                while m < end {
                    let kt = tape[m]
                    if !seen.insert(_FJByteKey(start: bytes + Int(kt.a), count: Int(kt.b &- kt.a))).inserted {
                        flags |= FJFlag.duplicateKeys
                        break
                    }
                    m = next(m + 1)
                }
            }
        }
        tape[obj].flags = flags
        return true
    }

    /// The keys of an object in document order, without repeats.
    func keys(of obj: Int) -> [String] {
        let end = Int(tape[obj].a)
        var result = [String]()
        result.reserveCapacity(Int(tape[obj].b))
        let dups = tape[obj].flags & FJFlag.duplicateKeys != 0
        var seen = Set<String>()
        var m = obj + 1
        while m < end {
            if let k = stringValue(m), !dups || seen.insert(k).inserted { result.append(k) }
            m = next(m + 1)
        }
        return result
    }

    // MARK: Paths and errors

    func basePath(_ ctx: _FJContext) -> [any CodingKey] {
        var p = Array(path.prefix(ctx.depth))
        if let extra = ctx.extra { p.append(contentsOf: extra) }
        return p
    }

    func path(_ ctx: _FJContext, _ key: (any CodingKey)?) -> [any CodingKey] {
        var p = basePath(ctx)
        if let key { p.append(key) }
        return p
    }

    func kindDescription(_ i: Int) -> String {
        switch tape[i].kind {
        case .null: return "null"
        case .true, .false: return "bool"
        case .number: return "number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "a dictionary"
        }
    }

    /// The error for a scalar that could not be read as `type` (expected token kind `expected`):
    /// `valueNotFound` for null (except Bool, which Foundation reports as a type mismatch),
    /// `typeMismatch` for another kind, `dataCorrupted` for an unrepresentable number or invalid string.
    func scalarError(_ type: Any.Type, expected: FJKind, _ i: Int, _ path: [any CodingKey]) -> DecodingError {
        let kind = tape[i].kind
        if kind == .null, expected != .true {
            return .valueNotFound(
                type,
                .init(
                    codingPath: path, debugDescription: "Cannot get value of type \(type) -- found null value instead"))
        }
        if kind != expected {
            return .typeMismatch(
                type,
                .init(
                    codingPath: path,
                    debugDescription: "Expected to decode \(type) but found \(kindDescription(i)) instead."))
        }
        let message =
            kind == .string
            ? "The string is not valid UTF-8 or has an unpaired surrogate escape."
            : "Number \(numberText(i)) is not representable as \(type)."
        return .dataCorrupted(.init(codingPath: path, debugDescription: message))
    }

    func typeMismatch(_ type: Any.Type, _ i: Int, _ path: [any CodingKey]) -> DecodingError {
        .typeMismatch(
            type,
            .init(
                codingPath: path,
                debugDescription: "Expected to decode \(type) but found \(kindDescription(i)) instead."))
    }

    func numberText(_ i: Int) -> String {
        let t = tape[i]
        return String(decoding: UnsafeBufferPointer(start: doc.bytes + Int(t.a), count: Int(t.b &- t.a)), as: UTF8.self)
    }

    // MARK: Scalars (nil when the token is not of the kind or not representable; see scalarError)

    @inline(__always) func boolValue(_ i: Int) -> Bool? {
        switch tape[i].kind {
        case .true: return true
        case .false: return false
        default: return nil
        }
    }

    @inline(__always) func checkedString(_ i: Int) -> String? {
        tape[i].kind == .string ? stringValue(i) : nil
    }

    @inline(__always) func integerValue<T: FixedWidthInteger>(_ i: Int, _: T.Type) -> T? {
        let t = tape[i]
        guard t.kind == .number else { return nil }
        return FJText.integer(doc.bytes + Int(t.a), count: Int(t.b &- t.a), flags: t.flags, as: T.self)
    }

    @inline(__always) func floatValue<T: BinaryFloatingPoint & LosslessStringConvertible>(_ i: Int, _: T.Type) -> T? {
        let t = tape[i]
        guard t.kind == .number else { return nil }
        return FJText.floatingPoint(doc.bytes + Int(t.a), count: Int(t.b &- t.a), flags: t.flags, as: T.self)
    }

    // MARK: Nested values

    /// Decodes `T` from the value at `i`. Common leaf and collection types take
    /// direct routes; anything else runs `T.init(from:)` with this decoder moved
    /// to `i` and `key` pushed on the path.
    func unwrap<T: Decodable>(_ i: Int, as _: T.Type, _ ctx: _FJContext, _ key: (any CodingKey)?) throws -> T {
        if T.self == String.self {
            guard let s = checkedString(i) else { throw scalarError(String.self, expected: .string, i, path(ctx, key)) }
            return unsafeBitCast(s, to: T.self)
        }
        if T.self == JSONValue.self, let v = jsonValue(i) { return unsafeBitCast(v, to: T.self) }
        if T.self == [String: String].self, let v = stringDictionary(i) { return unsafeBitCast(v, to: T.self) }
        if T.self == [String].self, let v = stringArray(i) { return unsafeBitCast(v, to: T.self) }
        if T.self == Data.self { return unsafeBitCast(try data(i, ctx, key), to: T.self) }
        if T.self == URL.self { return unsafeBitCast(try url(i, ctx, key), to: T.self) }
        if T.self == Decimal.self { return unsafeBitCast(try decimal(i, ctx, key), to: T.self) }
        return try withValue(i, ctx, key) { try T(from: self) }
    }

    /// Runs `body` with the decoder positioned at `i` and the path of `ctx` + `key`.
    @inline(__always) func withValue<R>(
        _ i: Int, _ ctx: _FJContext, _ key: (any CodingKey)?, _ body: () throws -> R
    ) throws -> R {
        let saved = current
        current = i
        if path.count == ctx.depth, ctx.extra == nil {
            if let key {
                path.append(key)
                defer {
                    path.removeLast()
                    current = saved
                }
                return try body()
            }
            defer { current = saved }
            return try body()
        }
        // A container used out of stack order (e.g. obtained with nestedContainer): rebuild the path.
        let savedPath = path
        path = path(ctx, key)
        defer {
            path = savedPath
            current = saved
        }
        return try body()
    }

    func data(_ i: Int, _ ctx: _FJContext, _ key: (any CodingKey)?) throws -> Data {
        let kind = tape[i].kind
        if kind == .null { throw scalarError(Data.self, expected: .string, i, path(ctx, key)) }
        guard let s = checkedString(i) else { throw scalarError(String.self, expected: .string, i, path(ctx, key)) }
        guard let d = Data(base64Encoded: s) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: path(ctx, key), debugDescription: "Encountered Data is not valid Base64."))
        }
        return d
    }

    func url(_ i: Int, _ ctx: _FJContext, _ key: (any CodingKey)?) throws -> URL {
        if tape[i].kind == .null { throw scalarError(URL.self, expected: .string, i, path(ctx, key)) }
        guard let s = checkedString(i) else { throw scalarError(String.self, expected: .string, i, path(ctx, key)) }
        guard let u = URL(string: s) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: path(ctx, key), debugDescription: "Invalid URL string."))
        }
        return u
    }

    func decimal(_ i: Int, _ ctx: _FJContext, _ key: (any CodingKey)?) throws -> Decimal {
        switch tape[i].kind {
        case .null: throw scalarError(Decimal.self, expected: .number, i, path(ctx, key))
        case .number:
            guard let d = Decimal(string: numberText(i), locale: nil) else {
                throw scalarError(Decimal.self, expected: .number, i, path(ctx, key))
            }
            return d
        default:
            throw DecodingError.typeMismatch(Decimal.self, .init(codingPath: path(ctx, key), debugDescription: ""))
        }
    }

    /// `[String: String]` without per-entry Codable calls; nil when anything is
    /// off (the generic route then reports the exact error).
    func stringDictionary(_ i: Int) -> [String: String]? {
        let t = tape[i]
        guard t.kind == .object else { return nil }
        var result = [String: String](minimumCapacity: Int(t.b))
        let end = Int(t.a)
        var m = i + 1
        while m < end {
            guard let k = stringValue(m), tape[m + 1].kind == .string, let v = stringValue(m + 1) else { return nil }
            // The first of repeated keys wins, as with Foundation.
            if let first = result.updateValue(v, forKey: k) { result[k] = first }
            m += 2
        }
        return result
    }

    /// `[String]` directly; nil when an element is not a valid string.
    func stringArray(_ i: Int) -> [String]? {
        let t = tape[i]
        guard t.kind == .array else { return nil }
        var result = [String]()
        result.reserveCapacity(Int(t.b))
        let end = Int(t.a)
        var m = i + 1
        while m < end {
            guard tape[m].kind == .string, let s = stringValue(m) else { return nil }
            result.append(s)
            m += 1
        }
        return result
    }

    /// A `JSONValue` built straight from the tape, equal to what `JSONValue.init(from:)`
    /// produces through Codable (integers as `.int` when exactly an Int64, first
    /// duplicate key wins); nil when that route would throw.
    func jsonValue(_ i: Int) -> JSONValue? {
        let t = tape[i]
        switch t.kind {
        case .null: return .null
        case .true: return .bool(true)
        case .false: return .bool(false)
        case .string: return stringValue(i).map(JSONValue.string)
        case .number:
            let p = doc.bytes + Int(t.a)
            let n = Int(t.b &- t.a)
            if let v = FJText.integer(p, count: n, flags: t.flags, as: Int64.self) { return .int(v) }
            return FJText.floatingPoint(p, count: n, flags: t.flags, as: Double.self).map(JSONValue.double)
        case .array:
            var result = [JSONValue]()
            result.reserveCapacity(Int(t.b))
            let end = Int(t.a)
            var m = i + 1
            while m < end {
                guard let v = jsonValue(m) else { return nil }
                result.append(v)
                m = next(m)
            }
            return .array(result)
        case .object:
            var result = [String: JSONValue](minimumCapacity: Int(t.b))
            let end = Int(t.a)
            var m = i + 1
            while m < end {
                guard let k = stringValue(m), let v = jsonValue(m + 1) else { return nil }
                if let first = result.updateValue(v, forKey: k) { result[k] = first }
                m = next(m + 1)
            }
            return .object(result)
        }
    }

    // MARK: Containers

    func keyedContainer<Key: CodingKey>(_ i: Int, _ ctx: _FJContext) throws -> KeyedDecodingContainer<Key> {
        let kind = tape[i].kind
        guard kind == .object else {
            if kind == .null {
                throw DecodingError.valueNotFound(
                    [String: Any].self,
                    .init(
                        codingPath: basePath(ctx),
                        debugDescription: "Cannot get keyed decoding container -- found null value instead"))
            }
            throw typeMismatch([String: Any].self, i, basePath(ctx))
        }
        guard checkKeys(i) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: basePath(ctx), debugDescription: "An object key is not valid UTF-8."))
        }
        return KeyedDecodingContainer(_FJKeyedContainer<Key>(impl: self, object: i, ctx: ctx))
    }

    func unkeyedContainer(_ i: Int, _ ctx: _FJContext) throws -> any UnkeyedDecodingContainer {
        let t = tape[i]
        guard t.kind == .array else {
            if t.kind == .null {
                throw DecodingError.valueNotFound(
                    [Any].self,
                    .init(
                        codingPath: basePath(ctx),
                        debugDescription: "Cannot get unkeyed decoding container -- found null value instead"))
            }
            throw typeMismatch([Any].self, i, basePath(ctx))
        }
        return _FJUnkeyedContainer(impl: self, ctx: ctx, total: Int(t.b), cursor: i + 1)
    }

    func superDecoder(at i: Int, path: [any CodingKey]) -> any Decoder {
        _FJDecoder(document: doc, current: i, path: path, userInfo: userInfo)
    }

    // MARK: Decoder

    func container<Key: CodingKey>(keyedBy _: Key.Type) throws -> KeyedDecodingContainer<Key> {
        try keyedContainer(current, _FJContext(depth: path.count))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try unkeyedContainer(current, _FJContext(depth: path.count))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    // MARK: SingleValueDecodingContainer

    func decodeNil() -> Bool { tape[current].kind == .null }

    func decode(_: Bool.Type) throws -> Bool {
        guard let v = boolValue(current) else { throw scalarError(Bool.self, expected: .true, current, path) }
        return v
    }

    func decode(_: String.Type) throws -> String {
        guard let v = checkedString(current) else { throw scalarError(String.self, expected: .string, current, path) }
        return v
    }

    @inline(__always) private func integer<T: FixedWidthInteger>(_: T.Type) throws -> T {
        guard let v = integerValue(current, T.self) else { throw scalarError(T.self, expected: .number, current, path) }
        return v
    }

    @inline(__always) private func float<T: BinaryFloatingPoint & LosslessStringConvertible>(_: T.Type) throws -> T {
        guard let v = floatValue(current, T.self) else { throw scalarError(T.self, expected: .number, current, path) }
        return v
    }

    func decode(_: Double.Type) throws -> Double { try float(Double.self) }
    func decode(_: Float.Type) throws -> Float { try float(Float.self) }
    func decode(_: Int.Type) throws -> Int { try integer(Int.self) }
    func decode(_: Int8.Type) throws -> Int8 { try integer(Int8.self) }
    func decode(_: Int16.Type) throws -> Int16 { try integer(Int16.self) }
    func decode(_: Int32.Type) throws -> Int32 { try integer(Int32.self) }
    func decode(_: Int64.Type) throws -> Int64 { try integer(Int64.self) }
    func decode(_: Int128.Type) throws -> Int128 { try integer(Int128.self) }
    func decode(_: UInt.Type) throws -> UInt { try integer(UInt.self) }
    func decode(_: UInt8.Type) throws -> UInt8 { try integer(UInt8.self) }
    func decode(_: UInt16.Type) throws -> UInt16 { try integer(UInt16.self) }
    func decode(_: UInt32.Type) throws -> UInt32 { try integer(UInt32.self) }
    func decode(_: UInt64.Type) throws -> UInt64 { try integer(UInt64.self) }
    func decode(_: UInt128.Type) throws -> UInt128 { try integer(UInt128.self) }
    func decode<T: Decodable>(_: T.Type) throws -> T {
        try unwrap(current, as: T.self, _FJContext(depth: path.count), nil)
    }
}

// MARK: - Keyed container

struct _FJKeyedContainer<K: CodingKey>: KeyedDecodingContainerProtocol {
    typealias Key = K
    let impl: _FJDecoder
    let object: Int
    let ctx: _FJContext

    var codingPath: [any CodingKey] { impl.basePath(ctx) }

    var allKeys: [K] { impl.keys(of: object).compactMap { K(stringValue: $0) } }

    func contains(_ key: K) -> Bool { impl.find(object, key) != nil }

    @inline(__always) private func value(_ key: K) throws -> Int {
        guard let v = impl.find(object, key) else {
            throw DecodingError.keyNotFound(
                key,
                .init(
                    codingPath: impl.basePath(ctx),
                    debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."))
        }
        return v
    }

    /// The value of `key` unless absent or null.
    @inline(__always) private func present(_ key: K) -> Int? {
        guard let v = impl.find(object, key), impl.tape[v].kind != .null else { return nil }
        return v
    }

    func decodeNil(forKey key: K) throws -> Bool { impl.tape[try value(key)].kind == .null }

    @inline(__always) private func fail(_ type: Any.Type, _ expected: FJKind, _ v: Int, _ key: K) -> DecodingError {
        impl.scalarError(type, expected: expected, v, impl.path(ctx, key))
    }

    func decode(_: Bool.Type, forKey key: K) throws -> Bool {
        let v = try value(key)
        guard let r = impl.boolValue(v) else { throw fail(Bool.self, .true, v, key) }
        return r
    }

    func decode(_: String.Type, forKey key: K) throws -> String {
        let v = try value(key)
        guard let r = impl.checkedString(v) else { throw fail(String.self, .string, v, key) }
        return r
    }

    @inline(__always) private func integer<T: FixedWidthInteger>(_ key: K, _: T.Type) throws -> T {
        let v = try value(key)
        guard let r = impl.integerValue(v, T.self) else { throw fail(T.self, .number, v, key) }
        return r
    }

    @inline(__always) private func float<T: BinaryFloatingPoint & LosslessStringConvertible>(
        _ key: K, _: T.Type
    ) throws -> T {
        let v = try value(key)
        guard let r = impl.floatValue(v, T.self) else { throw fail(T.self, .number, v, key) }
        return r
    }

    func decode(_: Double.Type, forKey key: K) throws -> Double { try float(key, Double.self) }
    func decode(_: Float.Type, forKey key: K) throws -> Float { try float(key, Float.self) }
    func decode(_: Int.Type, forKey key: K) throws -> Int { try integer(key, Int.self) }
    func decode(_: Int8.Type, forKey key: K) throws -> Int8 { try integer(key, Int8.self) }
    func decode(_: Int16.Type, forKey key: K) throws -> Int16 { try integer(key, Int16.self) }
    func decode(_: Int32.Type, forKey key: K) throws -> Int32 { try integer(key, Int32.self) }
    func decode(_: Int64.Type, forKey key: K) throws -> Int64 { try integer(key, Int64.self) }
    func decode(_: Int128.Type, forKey key: K) throws -> Int128 { try integer(key, Int128.self) }
    func decode(_: UInt.Type, forKey key: K) throws -> UInt { try integer(key, UInt.self) }
    func decode(_: UInt8.Type, forKey key: K) throws -> UInt8 { try integer(key, UInt8.self) }
    func decode(_: UInt16.Type, forKey key: K) throws -> UInt16 { try integer(key, UInt16.self) }
    func decode(_: UInt32.Type, forKey key: K) throws -> UInt32 { try integer(key, UInt32.self) }
    func decode(_: UInt64.Type, forKey key: K) throws -> UInt64 { try integer(key, UInt64.self) }
    func decode(_: UInt128.Type, forKey key: K) throws -> UInt128 { try integer(key, UInt128.self) }
    func decode<T: Decodable>(_: T.Type, forKey key: K) throws -> T {
        try impl.unwrap(value(key), as: T.self, ctx, key)
    }

    func decodeIfPresent(_: Bool.Type, forKey key: K) throws -> Bool? {
        guard let v = present(key) else { return nil }
        guard let r = impl.boolValue(v) else { throw fail(Bool.self, .true, v, key) }
        return r
    }

    func decodeIfPresent(_: String.Type, forKey key: K) throws -> String? {
        guard let v = present(key) else { return nil }
        guard let r = impl.checkedString(v) else { throw fail(String.self, .string, v, key) }
        return r
    }

    @inline(__always) private func integerIfPresent<T: FixedWidthInteger>(_ key: K, _: T.Type) throws -> T? {
        guard let v = present(key) else { return nil }
        guard let r = impl.integerValue(v, T.self) else { throw fail(T.self, .number, v, key) }
        return r
    }

    @inline(__always) private func floatIfPresent<T: BinaryFloatingPoint & LosslessStringConvertible>(
        _ key: K, _: T.Type
    ) throws -> T? {
        guard let v = present(key) else { return nil }
        guard let r = impl.floatValue(v, T.self) else { throw fail(T.self, .number, v, key) }
        return r
    }

    func decodeIfPresent(_: Double.Type, forKey key: K) throws -> Double? { try floatIfPresent(key, Double.self) }
    func decodeIfPresent(_: Float.Type, forKey key: K) throws -> Float? { try floatIfPresent(key, Float.self) }
    func decodeIfPresent(_: Int.Type, forKey key: K) throws -> Int? { try integerIfPresent(key, Int.self) }
    func decodeIfPresent(_: Int8.Type, forKey key: K) throws -> Int8? { try integerIfPresent(key, Int8.self) }
    func decodeIfPresent(_: Int16.Type, forKey key: K) throws -> Int16? { try integerIfPresent(key, Int16.self) }
    func decodeIfPresent(_: Int32.Type, forKey key: K) throws -> Int32? { try integerIfPresent(key, Int32.self) }
    func decodeIfPresent(_: Int64.Type, forKey key: K) throws -> Int64? { try integerIfPresent(key, Int64.self) }
    func decodeIfPresent(_: Int128.Type, forKey key: K) throws -> Int128? { try integerIfPresent(key, Int128.self) }
    func decodeIfPresent(_: UInt.Type, forKey key: K) throws -> UInt? { try integerIfPresent(key, UInt.self) }
    func decodeIfPresent(_: UInt8.Type, forKey key: K) throws -> UInt8? { try integerIfPresent(key, UInt8.self) }
    func decodeIfPresent(_: UInt16.Type, forKey key: K) throws -> UInt16? { try integerIfPresent(key, UInt16.self) }
    func decodeIfPresent(_: UInt32.Type, forKey key: K) throws -> UInt32? { try integerIfPresent(key, UInt32.self) }
    func decodeIfPresent(_: UInt64.Type, forKey key: K) throws -> UInt64? { try integerIfPresent(key, UInt64.self) }
    func decodeIfPresent(_: UInt128.Type, forKey key: K) throws -> UInt128? {
        try integerIfPresent(key, UInt128.self)
    }
    func decodeIfPresent<T: Decodable>(_: T.Type, forKey key: K) throws -> T? {
        guard let v = present(key) else { return nil }
        return try impl.unwrap(v, as: T.self, ctx, key)
    }

    private func nestedContext(_ key: K) -> _FJContext {
        var c = ctx
        c.extra = (c.extra ?? []) + [key]
        return c
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy _: NestedKey.Type, forKey key: K
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try impl.keyedContainer(value(key), nestedContext(key))
    }

    func nestedUnkeyedContainer(forKey key: K) throws -> any UnkeyedDecodingContainer {
        try impl.unkeyedContainer(value(key), nestedContext(key))
    }

    func superDecoder() throws -> any Decoder {
        let key = _FJStringKey("super")
        return impl.superDecoder(at: impl.find(object, key) ?? impl.nullToken, path: impl.path(ctx, key))
    }

    func superDecoder(forKey key: K) throws -> any Decoder {
        impl.superDecoder(at: impl.find(object, key) ?? impl.nullToken, path: impl.path(ctx, key))
    }
}

// MARK: - Unkeyed container

struct _FJUnkeyedContainer: UnkeyedDecodingContainer {
    let impl: _FJDecoder
    let ctx: _FJContext
    let total: Int
    /// The token of the next element.
    var cursor: Int
    private(set) var currentIndex = 0

    init(impl: _FJDecoder, ctx: _FJContext, total: Int, cursor: Int) {
        self.impl = impl
        self.ctx = ctx
        self.total = total
        self.cursor = cursor
    }

    var count: Int? { total }
    var isAtEnd: Bool { currentIndex >= total }
    var codingPath: [any CodingKey] { impl.basePath(ctx) }

    @inline(__always) private func peek<T>(_ type: T.Type, _ message: String = "Unkeyed container is at end.") throws
        -> Int
    {
        guard currentIndex < total else {
            throw DecodingError.valueNotFound(
                type, .init(codingPath: impl.path(ctx, _FJIndexKey(currentIndex)), debugDescription: message))
        }
        return cursor
    }

    @inline(__always) private mutating func advance() {
        if currentIndex < total { cursor = impl.next(cursor) }
        currentIndex += 1
    }

    /// The next element unless the container is at its end or the element is null.
    @inline(__always) private mutating func present() -> Int? {
        guard currentIndex < total, impl.tape[cursor].kind != .null else {
            advance()
            return nil
        }
        return cursor
    }

    mutating func decodeNil() throws -> Bool {
        let v = try peek(Never.self)
        guard impl.tape[v].kind == .null else { return false }
        advance()
        return true
    }

    @inline(__always) private func fail(_ type: Any.Type, _ expected: FJKind, _ v: Int) -> DecodingError {
        impl.scalarError(type, expected: expected, v, impl.path(ctx, _FJIndexKey(currentIndex)))
    }

    mutating func decode(_: Bool.Type) throws -> Bool {
        let v = try peek(Bool.self)
        guard let r = impl.boolValue(v) else { throw fail(Bool.self, .true, v) }
        advance()
        return r
    }

    mutating func decode(_: String.Type) throws -> String {
        let v = try peek(String.self)
        guard let r = impl.checkedString(v) else { throw fail(String.self, .string, v) }
        advance()
        return r
    }

    @inline(__always) private mutating func integer<T: FixedWidthInteger>(_: T.Type) throws -> T {
        let v = try peek(T.self)
        guard let r = impl.integerValue(v, T.self) else { throw fail(T.self, .number, v) }
        advance()
        return r
    }

    @inline(__always) private mutating func float<T: BinaryFloatingPoint & LosslessStringConvertible>(
        _: T.Type
    ) throws -> T {
        let v = try peek(T.self)
        guard let r = impl.floatValue(v, T.self) else { throw fail(T.self, .number, v) }
        advance()
        return r
    }

    mutating func decode(_: Double.Type) throws -> Double { try float(Double.self) }
    mutating func decode(_: Float.Type) throws -> Float { try float(Float.self) }
    mutating func decode(_: Int.Type) throws -> Int { try integer(Int.self) }
    mutating func decode(_: Int8.Type) throws -> Int8 { try integer(Int8.self) }
    mutating func decode(_: Int16.Type) throws -> Int16 { try integer(Int16.self) }
    mutating func decode(_: Int32.Type) throws -> Int32 { try integer(Int32.self) }
    mutating func decode(_: Int64.Type) throws -> Int64 { try integer(Int64.self) }
    mutating func decode(_: Int128.Type) throws -> Int128 { try integer(Int128.self) }
    mutating func decode(_: UInt.Type) throws -> UInt { try integer(UInt.self) }
    mutating func decode(_: UInt8.Type) throws -> UInt8 { try integer(UInt8.self) }
    mutating func decode(_: UInt16.Type) throws -> UInt16 { try integer(UInt16.self) }
    mutating func decode(_: UInt32.Type) throws -> UInt32 { try integer(UInt32.self) }
    mutating func decode(_: UInt64.Type) throws -> UInt64 { try integer(UInt64.self) }
    mutating func decode(_: UInt128.Type) throws -> UInt128 { try integer(UInt128.self) }

    mutating func decode<T: Decodable>(_: T.Type) throws -> T {
        let r = try impl.unwrap(peek(T.self), as: T.self, ctx, _FJIndexKey(currentIndex))
        advance()
        return r
    }

    mutating func decodeIfPresent(_: Bool.Type) throws -> Bool? {
        guard let v = present() else { return nil }
        guard let r = impl.boolValue(v) else { throw fail(Bool.self, .true, v) }
        advance()
        return r
    }

    mutating func decodeIfPresent(_: String.Type) throws -> String? {
        guard let v = present() else { return nil }
        guard let r = impl.checkedString(v) else { throw fail(String.self, .string, v) }
        advance()
        return r
    }

    @inline(__always) private mutating func integerIfPresent<T: FixedWidthInteger>(_: T.Type) throws -> T? {
        guard let v = present() else { return nil }
        guard let r = impl.integerValue(v, T.self) else { throw fail(T.self, .number, v) }
        advance()
        return r
    }

    @inline(__always) private mutating func floatIfPresent<T: BinaryFloatingPoint & LosslessStringConvertible>(
        _: T.Type
    ) throws -> T? {
        guard let v = present() else { return nil }
        guard let r = impl.floatValue(v, T.self) else { throw fail(T.self, .number, v) }
        advance()
        return r
    }

    mutating func decodeIfPresent(_: Double.Type) throws -> Double? { try floatIfPresent(Double.self) }
    mutating func decodeIfPresent(_: Float.Type) throws -> Float? { try floatIfPresent(Float.self) }
    mutating func decodeIfPresent(_: Int.Type) throws -> Int? { try integerIfPresent(Int.self) }
    mutating func decodeIfPresent(_: Int8.Type) throws -> Int8? { try integerIfPresent(Int8.self) }
    mutating func decodeIfPresent(_: Int16.Type) throws -> Int16? { try integerIfPresent(Int16.self) }
    mutating func decodeIfPresent(_: Int32.Type) throws -> Int32? { try integerIfPresent(Int32.self) }
    mutating func decodeIfPresent(_: Int64.Type) throws -> Int64? { try integerIfPresent(Int64.self) }
    mutating func decodeIfPresent(_: Int128.Type) throws -> Int128? { try integerIfPresent(Int128.self) }
    mutating func decodeIfPresent(_: UInt.Type) throws -> UInt? { try integerIfPresent(UInt.self) }
    mutating func decodeIfPresent(_: UInt8.Type) throws -> UInt8? { try integerIfPresent(UInt8.self) }
    mutating func decodeIfPresent(_: UInt16.Type) throws -> UInt16? { try integerIfPresent(UInt16.self) }
    mutating func decodeIfPresent(_: UInt32.Type) throws -> UInt32? { try integerIfPresent(UInt32.self) }
    mutating func decodeIfPresent(_: UInt64.Type) throws -> UInt64? { try integerIfPresent(UInt64.self) }
    mutating func decodeIfPresent(_: UInt128.Type) throws -> UInt128? { try integerIfPresent(UInt128.self) }

    mutating func decodeIfPresent<T: Decodable>(_: T.Type) throws -> T? {
        guard let v = present() else { return nil }
        let r = try impl.unwrap(v, as: T.self, ctx, _FJIndexKey(currentIndex))
        advance()
        return r
    }

    private var elementContext: _FJContext {
        var c = ctx
        c.extra = (c.extra ?? []) + [_FJIndexKey(currentIndex)]
        return c
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy _: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let v = try peek(KeyedDecodingContainer<NestedKey>.self)
        let r: KeyedDecodingContainer<NestedKey> = try impl.keyedContainer(v, elementContext)
        advance()
        return r
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let v = try peek((any UnkeyedDecodingContainer).self)
        let r = try impl.unkeyedContainer(v, elementContext)
        advance()
        return r
    }

    mutating func superDecoder() throws -> any Decoder {
        let v = try peek((any Decoder).self, "Cannot get superDecoder() -- unkeyed container is at end.")
        let r = impl.superDecoder(at: v, path: impl.path(ctx, _FJIndexKey(currentIndex)))
        advance()
        return r
    }
}
