import Foundation

/// Encodes `Encodable` values as compact JSON with sorted keys: the same bytes as
/// Foundation's `JSONEncoder` with `outputFormatting = [.sortedKeys, .withoutEscapingSlashes]`
/// and its default strategies, several times faster. The encoding counterpart of
/// ``FastJSONDecoder``.
///
/// The output is written straight into one byte buffer. An object's members are
/// written in the order the model encodes them, each one's position recorded;
/// when the object closes, members out of order are moved into place (keys
/// compare byte by byte as UTF-8, as swift-foundation's `.sortedKeys` does on
/// Linux). Containers may be used in any order a `Codable` implementation
/// normally uses them; a container is closed when its parent (or an earlier
/// container) is written to again, or when the value that opened it returns.
///
/// What matches Foundation, byte for byte (Tests/KubeCoreTests/FastJSONEncoderTests.swift
/// compares the two): strings (only `"`, `\` and control characters escaped,
/// `\b \f \n \r \t` or `\u00xx` in lowercase hex; `/`, U+2028/2029 and all
/// other text as UTF-8), integers of every width, `Double` and `Float` as their
/// shortest round-trip text without a trailing `.0`, `null` for `encodeNil`,
/// members skipped by `encodeIfPresent(nil)`, `{}` for a nested value that
/// encodes nothing, base64 `Data`, `URL` as its absolute string, `Decimal` as
/// its description, `Date` as seconds since 2001, dictionaries as the standard
/// library hands them over (String- and Int-keyed as objects, others as arrays of
/// alternating keys and values), top-level fragments, repeated
/// `container(keyedBy:)` calls on one encoder, and the errors: non-finite floats
/// (`EncodingError.invalidValue` with Foundation's coding path and message, also
/// inside nested containers, where Foundation leaves the nested key out of the
/// path), a top-level value that encodes nothing, and nesting 512 containers deep.
///
/// Where matching Foundation would take machinery the models never need, the
/// whole value is encoded again with Foundation's `JSONEncoder` instead, so the
/// result is still Foundation's (and so are its traps, for misuse it traps on):
///
/// - `superEncoder()` and `superEncoder(forKey:)` (Foundation writes the super
///   value when that encoder is released);
/// - a container written to after a container opened later was written to
///   (e.g. keep a `nestedContainer`, write the parent, then the nested one again);
/// - two members with the same key, or keys equal as Swift `String`s but not
///   byte for byte (Foundation keeps one of them, merging nested containers);
/// - a single-value container used twice, or a container requested on an encoder
///   that already holds another kind of value;
/// - an error thrown while encoding that the model catches and then goes on;
/// - a non-finite `Double` inside a `JSONValue` (so the error's coding path is
///   Foundation's without tracking paths on the fast route);
/// - for ``encodeToJSONValue(_:)``, a `Decimal` whose text is not a JSON number
///   (NaN), which `JSONValue.parse` of Foundation's output rejects.
///
/// The key order and number text were checked against swift-foundation as shipped
/// with Swift 6.3 on Linux, where the controller runs. (Foundation on Darwin sorts
/// keys the old NSString way for apps linked against old SDKs.)
public struct FastJSONEncoder: Sendable {
    /// Contextual information for custom `encode(to:)` implementations.
    public var userInfo: [CodingUserInfoKey: any Sendable]

    /// Creates an encoder.
    public init(userInfo: [CodingUserInfoKey: any Sendable] = [:]) {
        self.userInfo = userInfo
    }

    /// Encodes `value` as compact JSON with sorted keys.
    public func encode<T: Encodable>(_ value: T) throws -> Data {
        let impl = _FJEncoder(valueMode: false, userInfo: userInfo)
        do {
            try impl.encodeTopLevel(value)
        } catch {
            if impl.poisoned || error is _FJEncoderFallback { return try foundationEncode(value) }
            throw error
        }
        if impl.needsFoundation { return try foundationEncode(value) }
        return Data(bytes: impl.out.base, count: impl.out.count)
    }

    /// The ``JSONValue`` that parsing ``encode(_:)``'s output gives, built directly:
    /// integral numbers that Foundation writes without a fraction become `.int`,
    /// others `.double` of the same value as the text.
    public func encodeToJSONValue<T: Encodable>(_ value: T) throws -> JSONValue {
        let impl = _FJEncoder(valueMode: true, userInfo: userInfo)
        do {
            try impl.encodeTopLevel(value)
        } catch {
            if impl.poisoned || error is _FJEncoderFallback { return try JSONValue.parse(foundationEncode(value)) }
            throw error
        }
        if impl.needsFoundation { return try JSONValue.parse(foundationEncode(value)) }
        return impl.result ?? .null
    }

    /// Foundation's encoder with the same options: the route for inputs the fast
    /// encoder hands over (see the type's documentation).
    func foundationEncode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.userInfo = userInfo
        return try encoder.encode(value)
    }
}

/// Thrown inside the encoder once it has decided to hand the value to Foundation,
/// to stop early; never seen by callers of ``FastJSONEncoder``.
struct _FJEncoderFallback: Error {}

/// A growable byte buffer (malloc'd, so growth can use realloc).
struct _FJBytes {
    var base: UnsafeMutablePointer<UInt8>
    var count = 0
    var capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        guard let p = malloc(capacity) else { fatalError("FastJSONEncoder: out of memory") }
        base = p.assumingMemoryBound(to: UInt8.self)
    }

    func release() { free(base) }

    mutating func grow(_ needed: Int) {
        var c = capacity * 2
        while c < needed { c *= 2 }
        guard let p = realloc(base, c) else { fatalError("FastJSONEncoder: out of memory") }
        base = p.assumingMemoryBound(to: UInt8.self)
        capacity = c
    }

    @inline(__always) mutating func reserve(_ n: Int) {
        if _slowPath(count + n > capacity) { grow(count + n) }
    }

    @inline(__always) mutating func append(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    @inline(__always) mutating func append(_ p: UnsafePointer<UInt8>, _ n: Int) {
        reserve(n)
        (base + count).update(from: p, count: n)
        count += n
    }

    @inline(__always) mutating func append(_ s: StaticString) {
        append(s.utf8Start, s.utf8CodeUnitCount)
    }
}

/// An open array or object.
struct _FJEFrame {
    /// Tells containers apart: a container struct keeps the id of its frame.
    var id: UInt32
    var isObject: Bool
    /// Members or elements written so far.
    var count = 0
    /// Object keys so far are in strictly ascending byte order.
    var sorted = true
    /// Some key has bytes >= 0x80 (so two keys might be equal as Strings but not as bytes).
    var nonASCIIKeys = false
    /// Where this object's member records start in `members`, and its raw escaped keys in `sideKeys`.
    var memberBase: Int
    var sideBase: Int
}

/// One member of an open object in the output (bytes mode).
struct _FJEMember {
    /// Offset of the key's opening quote.
    var start: Int
    /// Offset after the member's value (set when the object closes).
    var end = 0
    /// The key's unescaped bytes: at `key` in the output, or in `sideKeys` when `inSide`
    /// (keys with escapes).
    var key: Int
    var keyCount: Int
    var inSide: Bool
    /// The key's first 8 bytes, big-endian, zero-padded: orders most keys without memcmp.
    var prefix: UInt64 = 0
}

/// An open array or object being built as a `JSONValue` (value mode).
struct _FJEValueFrame {
    /// The member key in the parent object.
    var key: String
    /// Where its members or elements start in `valueStack`.
    var base: Int
}

/// The position one value is written to: the top level, an object member or an array element.
struct _FJESlot {
    enum State: UInt8 { case empty, filled, object, array }
    var state = State.empty
    /// The number of open frames when the slot began (its parent is the last of them).
    var base: Int
    /// The container opened in this slot (object or array state).
    var frame = -1
    var id: UInt32 = 0
}

/// The `Encoder`, shared by every level of one encoding: a stack of open frames,
/// the current slot and the coding path.
final class _FJEncoder: Encoder, SingleValueEncodingContainer {
    /// Builds a `JSONValue` instead of bytes.
    let valueMode: Bool
    let userInfo: [CodingUserInfoKey: Any]
    @exclusivity(unchecked) var path: [any CodingKey] = []

    @exclusivity(unchecked) var out: _FJBytes
    @exclusivity(unchecked) var frames: [_FJEFrame] = []
    @exclusivity(unchecked) var members: [_FJEMember] = []
    @exclusivity(unchecked) var sideKeys: _FJBytes
    @exclusivity(unchecked) var scratch: _FJBytes
    @exclusivity(unchecked) var nextID: UInt32 = 1
    @exclusivity(unchecked) var slot = _FJESlot(base: 0)

    @exclusivity(unchecked) var valueFrames: [_FJEValueFrame] = []
    /// Value mode: the members (key, value) or elements ("", value) of the open containers.
    @exclusivity(unchecked) var valueStack: [(String, JSONValue)] = []
    /// Value mode: the key the next value is stored under, if its parent is an object.
    @exclusivity(unchecked) var pendingKey = ""
    var result: JSONValue?

    /// Stop writing: `poisoned` or `errorPending`.
    @exclusivity(unchecked) var halted = false
    /// The value must be encoded by Foundation.
    var poisoned = false
    /// An error left the encoder (thrown by it, or by a model through it); writing
    /// anything afterwards means the model caught it and went on.
    var errorPending = false
    /// Some container sits 512 or more levels deep (Foundation's writer refuses it).
    var tooDeep = false

    init(valueMode: Bool, userInfo: [CodingUserInfoKey: any Sendable]) {
        self.valueMode = valueMode
        self.userInfo = userInfo
        out = _FJBytes(capacity: valueMode ? 16 : 4096)
        sideKeys = _FJBytes(capacity: 16)
        scratch = _FJBytes(capacity: 16)
        path.reserveCapacity(16)
        frames.reserveCapacity(16)
        if valueMode { valueStack.reserveCapacity(64) } else { members.reserveCapacity(64) }
    }

    deinit {
        out.release()
        sideKeys.release()
        scratch.release()
    }

    var codingPath: [any CodingKey] { path }

    /// Whether the finished encoding must be redone by Foundation.
    var needsFoundation: Bool { poisoned || errorPending }

    // MARK: Top level

    func encodeTopLevel<T: Encodable>(_ value: T) throws {
        slot = _FJESlot(base: 0)
        if try !encodeLeaf(value, nil) {
            do {
                try value.encode(to: self)
            } catch {
                noteError()
                throw error
            }
            if halted { return }
            closeFrames(downTo: 0)
            if slot.state == .empty {
                throw EncodingError.invalidValue(
                    value,
                    EncodingError.Context(
                        codingPath: [], debugDescription: "Top-level \(T.self) did not encode any values.")
                )
            }
        }
        if tooDeep && !halted {
            // Foundation's writer checks nesting after the whole value was encoded.
            throw EncodingError.invalidValue(
                value,
                EncodingError.Context(
                    codingPath: [], debugDescription: "Unable to encode the given top-level value to JSON.")
            )
        }
    }

    // MARK: State

    func poison() {
        poisoned = true
        halted = true
    }

    func noteError() {
        errorPending = true
        halted = true
    }

    /// Makes frame `i` (with id `id`) the innermost open container, closing the
    /// ones opened after it; false (and hands the value to Foundation) if it was closed.
    @inline(__always) func enter(_ i: Int, _ id: UInt32) -> Bool {
        if _fastPath(!halted && i == frames.count &- 1 && i >= 0 && frames[i].id == id) { return true }
        return enterSlow(i, id)
    }

    func enterSlow(_ i: Int, _ id: UInt32) -> Bool {
        guard !halted, i >= 0, i < frames.count, frames[i].id == id else {
            poison()
            return false
        }
        closeFrames(downTo: i + 1)
        return true
    }

    /// Opens an array or object in the current position (after a member key or an element separator).
    func openFrame(object: Bool) -> (Int, UInt32) {
        if frames.count + 1 >= 512 { tooDeep = true }
        let id = nextID
        nextID &+= 1
        if valueMode {
            valueFrames.append(_FJEValueFrame(key: pendingKey, base: valueStack.count))
        } else {
            out.append(object ? UInt8(ascii: "{") : UInt8(ascii: "["))
        }
        frames.append(
            _FJEFrame(id: id, isObject: object, memberBase: members.count, sideBase: sideKeys.count))
        return (frames.count - 1, id)
    }

    func closeFrames(downTo n: Int) {
        while frames.count > n { closeTop() }
    }

    func closeTop() {
        let f = frames.removeLast()
        if valueMode {
            let vf = valueFrames.removeLast()
            let v: JSONValue
            if f.isObject {
                var object = [String: JSONValue](minimumCapacity: valueStack.count - vf.base)
                for (k, e) in valueStack[vf.base...] where object.updateValue(e, forKey: k) != nil {
                    poison()  // a repeated key (Foundation keeps one, merging nested containers)
                }
                v = .object(object)
            } else {
                v = .array(valueStack[vf.base...].map { $0.1 })
            }
            valueStack.removeSubrange(vf.base...)
            pendingKey = vf.key
            emit(v)
        } else if f.isObject {
            finishObject(f)
            out.append(UInt8(ascii: "}"))
        } else {
            out.append(UInt8(ascii: "]"))
        }
    }

    // MARK: Members and elements

    /// Starts member `key` of the open object `i`: writes the separator and `"key":`
    /// (bytes mode) or remembers the key (value mode).
    @inline(__always) func member(_ i: Int, _ id: UInt32, _ key: String) throws {
        guard enter(i, id) else { throw _FJEncoderFallback() }
        if valueMode {
            frames[i].count += 1
            pendingKey = key
        } else {
            beginMember(key, in: &frames[i])
        }
    }

    /// Starts the next element of the open array `i`.
    @inline(__always) func element(_ i: Int, _ id: UInt32) throws {
        guard enter(i, id) else { throw _FJEncoderFallback() }
        if !valueMode && frames[i].count > 0 { out.append(UInt8(ascii: ",")) }
        frames[i].count += 1
    }

    /// Bytes mode: the separator, the quoted key and the colon, and the member's record.
    @inline(__always) func beginMember(_ key: String, in f: inout _FJEFrame) {
        if f.count > 0 { out.append(UInt8(ascii: ",")) }
        let start = out.count
        let flags = writeString(key)
        var m = _FJEMember(start: start, key: start + 1, keyCount: out.count - start - 2, inSide: false)
        if flags & 1 != 0 {
            // Escaped: keep the raw bytes for comparing.
            m.inSide = true
            m.key = sideKeys.count
            m.keyCount = withUTF8(key) { b in
                if let p = b.baseAddress { sideKeys.append(p, b.count) }
                return b.count
            }
        }
        if flags & 2 != 0 { f.nonASCIIKeys = true }
        m.prefix = _FJEncoder.prefix(keyPointer(m), m.keyCount)
        if f.count > 0, f.sorted, let last = members.last, compareKeys(last, m) >= 0 { f.sorted = false }
        members.append(m)
        f.count += 1
        out.append(UInt8(ascii: ":"))
    }

    @inline(__always) func keyPointer(_ m: _FJEMember) -> UnsafePointer<UInt8> {
        UnsafePointer(m.inSide ? sideKeys.base + m.key : out.base + m.key)
    }

    @inline(__always) static func prefix(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        if n >= 8 { return UInt64(bigEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)) }
        var v: UInt64 = 0
        for i in 0..<n { v |= UInt64(p[i]) << (56 - 8 * UInt64(i)) }
        return v
    }

    /// Byte-wise comparison of two members' unescaped keys (shorter first on a common prefix).
    @inline(__always) func compareKeys(_ a: _FJEMember, _ b: _FJEMember) -> Int {
        if a.prefix != b.prefix { return a.prefix < b.prefix ? -1 : 1 }
        let n = min(a.keyCount, b.keyCount)
        if n > 0 {
            let c = memcmp(keyPointer(a), keyPointer(b), n)
            if c != 0 { return Int(c) }
        }
        return a.keyCount - b.keyCount
    }

    /// Bytes mode, before the closing brace: puts the members in key order and checks
    /// that no two keys are equal (as bytes, or as Strings when some key is not ASCII).
    func finishObject(_ f: _FJEFrame) {
        defer {
            members.removeSubrange(f.memberBase...)
            sideKeys.count = f.sideBase
        }
        let base = f.memberBase
        let end = members.count
        guard end - base >= 2, !f.sorted || f.nonASCIIKeys else { return }
        if f.nonASCIIKeys {
            var seen = Set<String>(minimumCapacity: end - base)
            for k in base..<end {
                let m = members[k]
                let key = String(decoding: UnsafeBufferPointer(start: keyPointer(m), count: m.keyCount), as: UTF8.self)
                if !seen.insert(key).inserted {
                    poison()
                    return
                }
            }
        }
        if f.sorted { return }
        for k in base..<(end - 1) { members[k].end = members[k + 1].start - 1 }
        members[end - 1].end = out.count
        let regionStart = members[base].start
        // Insertion sort: objects are small, and often nearly in order.
        for k in (base + 1)..<end {
            let m = members[k]
            var j = k
            while j > base && compareKeys(members[j - 1], m) > 0 {
                members[j] = members[j - 1]
                j -= 1
            }
            members[j] = m
        }
        for k in (base + 1)..<end where compareKeys(members[k - 1], members[k]) == 0 {
            poison()
            return
        }
        scratch.count = 0
        scratch.reserve(out.count - regionStart)
        for k in base..<end {
            let m = members[k]
            if k > base { scratch.append(UInt8(ascii: ",")) }
            scratch.append(out.base + m.start, m.end - m.start)
        }
        (out.base + regionStart).update(from: scratch.base, count: scratch.count)
    }

    // MARK: Slots

    /// Claims the current slot for a single value written through the single-value container.
    @inline(__always) func claimSlot() throws {
        guard _fastPath(!halted && slot.state == .empty && frames.count == slot.base) else {
            poison()
            throw _FJEncoderFallback()
        }
        slot.state = .filled
    }

    /// Encodes a value into a new slot (after a member key or element separator):
    /// types with a direct route are written at once, others run `encode(to:)`
    /// with this encoder and `key` pushed on the coding path; `{}` if they encode nothing.
    @inline(__always) func encodeNested<T: Encodable>(_ value: T, key: any CodingKey) throws {
        if try encodeLeaf(value, key) { return }
        try encodeComposite(value, key: key)
    }

    func encodeComposite<T: Encodable>(_ value: T, key: any CodingKey) throws {
        let saved = slot
        slot = _FJESlot(base: frames.count)
        path.append(key)
        defer {
            path.removeLast()
            slot = saved
        }
        do {
            try value.encode(to: self)
        } catch {
            noteError()
            throw error
        }
        try finishSlot()
    }

    /// After a slot's value returned: closes what it opened, writes `{}` if it wrote nothing.
    @inline(__always) func finishSlot() throws {
        if _slowPath(halted) {
            // E.g. the value caught an error of a nested value and returned normally.
            poison()
            throw _FJEncoderFallback()
        }
        if frames.count > slot.base {
            closeFrames(downTo: slot.base)
        } else if frames.count < slot.base {
            poison()
            throw _FJEncoderFallback()
        }
        if slot.state == .empty { writeEmptyObject() }
    }

    func writeEmptyObject() {
        if frames.count + 1 >= 512 { tooDeep = true }
        if valueMode {
            emit(.object([:]))
        } else {
            out.append("{}")
        }
    }
}
