import Foundation

// The `Encoder`, `SingleValueEncodingContainer`, keyed and unkeyed containers of
// ``FastJSONEncoder`` (its core, the output buffer and frames, is in FastJSONEncoder.swift).

extension _FJEncoder {
    // MARK: Encoder

    func container<Key: CodingKey>(keyedBy _: Key.Type) -> KeyedEncodingContainer<Key> {
        let (i, id) = slotContainer(object: true)
        return KeyedEncodingContainer(
            _FJKeyedEncodingContainer<Key>(encoder: self, frame: i, id: id, depth: path.count))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let (i, id) = slotContainer(object: false)
        return _FJUnkeyedEncodingContainer(encoder: self, frame: i, id: id, depth: path.count)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    /// The container of the current slot: opened now, or the one opened before (as
    /// Foundation returns the same container when asked again).
    func slotContainer(object: Bool) -> (Int, UInt32) {
        if !halted {
            if slot.state == .empty && frames.count == slot.base {
                let (i, id) = openFrame(object: object)
                slot.state = object ? .object : .array
                slot.frame = i
                slot.id = id
                return (i, id)
            }
            if slot.state == (object ? .object : .array), slot.frame < frames.count,
                frames[slot.frame].id == slot.id
            {
                closeFrames(downTo: slot.frame + 1)
                return (slot.frame, slot.id)
            }
        }
        poison()
        return (-1, 0)
    }

    // MARK: SingleValueEncodingContainer

    func encodeNil() throws {
        try claimSlot()
        writeNull()
    }
    func encode(_ value: Bool) throws {
        try claimSlot()
        writeBool(value)
    }
    func encode(_ value: String) throws {
        try claimSlot()
        writeStringValue(value)
    }
    func encode(_ value: Double) throws {
        if !value.isFinite { throw floatError(value, path) }
        try claimSlot()
        writeDouble(value)
    }
    func encode(_ value: Float) throws {
        if !value.isFinite { throw floatError(value, path) }
        try claimSlot()
        writeFloat(value)
    }
    func encode(_ value: Int) throws {
        try claimSlot()
        writeInt(Int64(value))
    }
    func encode(_ value: Int8) throws {
        try claimSlot()
        writeInt(Int64(value))
    }
    func encode(_ value: Int16) throws {
        try claimSlot()
        writeInt(Int64(value))
    }
    func encode(_ value: Int32) throws {
        try claimSlot()
        writeInt(Int64(value))
    }
    func encode(_ value: Int64) throws {
        try claimSlot()
        writeInt(value)
    }
    func encode(_ value: Int128) throws {
        try claimSlot()
        writeWideInteger(value)
    }
    func encode(_ value: UInt) throws {
        try claimSlot()
        writeUInt(UInt64(value))
    }
    func encode(_ value: UInt8) throws {
        try claimSlot()
        writeUInt(UInt64(value))
    }
    func encode(_ value: UInt16) throws {
        try claimSlot()
        writeUInt(UInt64(value))
    }
    func encode(_ value: UInt32) throws {
        try claimSlot()
        writeUInt(UInt64(value))
    }
    func encode(_ value: UInt64) throws {
        try claimSlot()
        writeUInt(value)
    }
    func encode(_ value: UInt128) throws {
        try claimSlot()
        writeWideInteger(value)
    }

    /// A value through the single-value container: Foundation encodes it with the same
    /// encoder and path, so it goes into this very slot.
    func encode<T: Encodable>(_ value: T) throws {
        guard _fastPath(!halted && slot.state == .empty && frames.count == slot.base) else {
            poison()
            throw _FJEncoderFallback()
        }
        if try encodeLeaf(value, nil) {
            slot.state = .filled
            return
        }
        do {
            try value.encode(to: self)
        } catch {
            noteError()
            throw error
        }
        try finishSlot()
        slot.state = .filled
    }

    // MARK: Errors

    /// Foundation's error for a NaN or infinite float; `path` includes the member's key or index.
    func floatError<F: BinaryFloatingPoint>(_ value: F, _ path: [any CodingKey]) -> EncodingError {
        noteError()
        return EncodingError.invalidValue(
            value,
            EncodingError.Context(
                codingPath: path, debugDescription: "Unable to encode \(F.self).\(value) directly in JSON.")
        )
    }

    /// The coding path of a member or element of a container at `depth`: Foundation's
    /// encoder path plus the key (a nested container's own key is not part of it).
    func valuePath(_ depth: Int, _ key: any CodingKey) -> [any CodingKey] {
        var p = Array(path.prefix(depth))
        p.append(key)
        return p
    }

    func containerPath(_ depth: Int, _ extra: [any CodingKey]) -> [any CodingKey] {
        Array(path.prefix(depth)) + extra
    }

}

// MARK: - Keyed container

struct _FJKeyedEncodingContainer<K: CodingKey>: KeyedEncodingContainerProtocol {
    typealias Key = K
    let encoder: _FJEncoder
    let frame: Int
    let id: UInt32
    /// The encoder's path length when the container was made.
    let depth: Int
    /// Keys of nested containers between the encoder's path and this container.
    var extra: [any CodingKey] = []

    init(encoder: _FJEncoder, frame: Int, id: UInt32, depth: Int, extra: [any CodingKey] = []) {
        self.encoder = encoder
        self.frame = frame
        self.id = id
        self.depth = depth
        self.extra = extra
    }

    var codingPath: [any CodingKey] { encoder.containerPath(depth, extra) }

    @inline(__always) private func member(_ key: K) throws {
        try encoder.member(frame, id, key.stringValue)
    }

    mutating func encodeNil(forKey key: K) throws {
        try member(key)
        encoder.writeNull()
    }
    mutating func encode(_ value: Bool, forKey key: K) throws {
        try member(key)
        encoder.writeBool(value)
    }
    mutating func encode(_ value: String, forKey key: K) throws {
        try member(key)
        encoder.writeStringValue(value)
    }
    mutating func encode(_ value: Double, forKey key: K) throws {
        if !value.isFinite { throw encoder.floatError(value, encoder.valuePath(depth, key)) }
        try member(key)
        encoder.writeDouble(value)
    }
    mutating func encode(_ value: Float, forKey key: K) throws {
        if !value.isFinite { throw encoder.floatError(value, encoder.valuePath(depth, key)) }
        try member(key)
        encoder.writeFloat(value)
    }
    mutating func encode(_ value: Int, forKey key: K) throws {
        try member(key)
        encoder.writeInt(Int64(value))
    }
    mutating func encode(_ value: Int8, forKey key: K) throws {
        try member(key)
        encoder.writeInt(Int64(value))
    }
    mutating func encode(_ value: Int16, forKey key: K) throws {
        try member(key)
        encoder.writeInt(Int64(value))
    }
    mutating func encode(_ value: Int32, forKey key: K) throws {
        try member(key)
        encoder.writeInt(Int64(value))
    }
    mutating func encode(_ value: Int64, forKey key: K) throws {
        try member(key)
        encoder.writeInt(value)
    }
    mutating func encode(_ value: Int128, forKey key: K) throws {
        try member(key)
        encoder.writeWideInteger(value)
    }
    mutating func encode(_ value: UInt, forKey key: K) throws {
        try member(key)
        encoder.writeUInt(UInt64(value))
    }
    mutating func encode(_ value: UInt8, forKey key: K) throws {
        try member(key)
        encoder.writeUInt(UInt64(value))
    }
    mutating func encode(_ value: UInt16, forKey key: K) throws {
        try member(key)
        encoder.writeUInt(UInt64(value))
    }
    mutating func encode(_ value: UInt32, forKey key: K) throws {
        try member(key)
        encoder.writeUInt(UInt64(value))
    }
    mutating func encode(_ value: UInt64, forKey key: K) throws {
        try member(key)
        encoder.writeUInt(value)
    }
    mutating func encode(_ value: UInt128, forKey key: K) throws {
        try member(key)
        encoder.writeWideInteger(value)
    }
    mutating func encode<T: Encodable>(_ value: T, forKey key: K) throws {
        try member(key)
        try encoder.encodeNested(value, key: key)
    }

    // The standard library's defaults do the same; these save a generic hop per optional field.
    mutating func encodeIfPresent(_ value: Bool?, forKey key: K) throws {
        guard let value else { return }
        try encode(value, forKey: key)
    }
    mutating func encodeIfPresent(_ value: String?, forKey key: K) throws {
        guard let value else { return }
        try encode(value, forKey: key)
    }
    mutating func encodeIfPresent(_ value: Int?, forKey key: K) throws {
        guard let value else { return }
        try encode(value, forKey: key)
    }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: K) throws {
        guard let value else { return }
        try encode(value, forKey: key)
    }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: K) throws {
        guard let value else { return }
        try encode(value, forKey: key)
    }
    mutating func encodeIfPresent(_ value: Double?, forKey key: K) throws {
        guard let value else { return }
        try encode(value, forKey: key)
    }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: K) throws {
        guard let value else { return }
        try encode(value, forKey: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy _: NestedKey.Type, forKey key: K
    ) -> KeyedEncodingContainer<NestedKey> {
        let (i, nid) = encoder.nestedFrame(object: true) { try encoder.member(frame, id, key.stringValue) }
        return KeyedEncodingContainer(
            _FJKeyedEncodingContainer<NestedKey>(
                encoder: encoder, frame: i, id: nid, depth: depth, extra: extra + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: K) -> any UnkeyedEncodingContainer {
        let (i, nid) = encoder.nestedFrame(object: false) { try encoder.member(frame, id, key.stringValue) }
        return _FJUnkeyedEncodingContainer(encoder: encoder, frame: i, id: nid, depth: depth, extra: extra + [key])
    }

    mutating func superEncoder() -> any Encoder { encoder.superEncoder() }
    mutating func superEncoder(forKey _: K) -> any Encoder { encoder.superEncoder() }
}

extension _FJEncoder {
    /// Opens a nested container after `start` wrote its member key or separator; a dead
    /// container (which hands the value to Foundation when used) if that failed.
    func nestedFrame(object: Bool, _ start: () throws -> Void) -> (Int, UInt32) {
        do {
            try start()
        } catch {
            poison()
            return (-1, 0)
        }
        return openFrame(object: object)
    }

    /// Foundation's super encoders write their value when released; not worth copying.
    func superEncoder() -> any Encoder {
        poison()
        return self
    }
}

// MARK: - Unkeyed container

struct _FJUnkeyedEncodingContainer: UnkeyedEncodingContainer {
    let encoder: _FJEncoder
    let frame: Int
    let id: UInt32
    let depth: Int
    var extra: [any CodingKey] = []

    init(encoder: _FJEncoder, frame: Int, id: UInt32, depth: Int, extra: [any CodingKey] = []) {
        self.encoder = encoder
        self.frame = frame
        self.id = id
        self.depth = depth
        self.extra = extra
    }

    var codingPath: [any CodingKey] { encoder.containerPath(depth, extra) }

    var count: Int {
        guard frame >= 0, frame < encoder.frames.count, encoder.frames[frame].id == id else { return 0 }
        return encoder.frames[frame].count
    }

    @inline(__always) private func element() throws {
        try encoder.element(frame, id)
    }

    mutating func encodeNil() throws {
        try element()
        encoder.writeNull()
    }
    mutating func encode(_ value: Bool) throws {
        try element()
        encoder.writeBool(value)
    }
    mutating func encode(_ value: String) throws {
        try element()
        encoder.writeStringValue(value)
    }
    mutating func encode(_ value: Double) throws {
        if !value.isFinite { throw encoder.floatError(value, encoder.valuePath(depth, _FJIndexKey(count))) }
        try element()
        encoder.writeDouble(value)
    }
    mutating func encode(_ value: Float) throws {
        if !value.isFinite { throw encoder.floatError(value, encoder.valuePath(depth, _FJIndexKey(count))) }
        try element()
        encoder.writeFloat(value)
    }
    mutating func encode(_ value: Int) throws {
        try element()
        encoder.writeInt(Int64(value))
    }
    mutating func encode(_ value: Int8) throws {
        try element()
        encoder.writeInt(Int64(value))
    }
    mutating func encode(_ value: Int16) throws {
        try element()
        encoder.writeInt(Int64(value))
    }
    mutating func encode(_ value: Int32) throws {
        try element()
        encoder.writeInt(Int64(value))
    }
    mutating func encode(_ value: Int64) throws {
        try element()
        encoder.writeInt(value)
    }
    mutating func encode(_ value: Int128) throws {
        try element()
        encoder.writeWideInteger(value)
    }
    mutating func encode(_ value: UInt) throws {
        try element()
        encoder.writeUInt(UInt64(value))
    }
    mutating func encode(_ value: UInt8) throws {
        try element()
        encoder.writeUInt(UInt64(value))
    }
    mutating func encode(_ value: UInt16) throws {
        try element()
        encoder.writeUInt(UInt64(value))
    }
    mutating func encode(_ value: UInt32) throws {
        try element()
        encoder.writeUInt(UInt64(value))
    }
    mutating func encode(_ value: UInt64) throws {
        try element()
        encoder.writeUInt(value)
    }
    mutating func encode(_ value: UInt128) throws {
        try element()
        encoder.writeWideInteger(value)
    }
    mutating func encode<T: Encodable>(_ value: T) throws {
        let index = count
        try element()
        try encoder.encodeNested(value, key: _FJIndexKey(index))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy _: NestedKey.Type) -> KeyedEncodingContainer<NestedKey>
    {
        let index = count
        let (i, nid) = encoder.nestedFrame(object: true) { try encoder.element(frame, id) }
        return KeyedEncodingContainer(
            _FJKeyedEncodingContainer<NestedKey>(
                encoder: encoder, frame: i, id: nid, depth: depth, extra: extra + [_FJIndexKey(index)]))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let index = count
        let (i, nid) = encoder.nestedFrame(object: false) { try encoder.element(frame, id) }
        return _FJUnkeyedEncodingContainer(
            encoder: encoder, frame: i, id: nid, depth: depth, extra: extra + [_FJIndexKey(index)])
    }

    mutating func superEncoder() -> any Encoder { encoder.superEncoder() }
}
