import Foundation

/// Little-endian bytes of a model file, appended one value at a time.
public struct ByteWriter: Sendable {
    public private(set) var data = Data()

    public init() {}

    public mutating func write(_ bytes: some Sequence<UInt8>) { data.append(contentsOf: bytes) }

    public mutating func write<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }

    public mutating func write(_ value: Float) { write(value.bitPattern) }

    /// A string as its UTF-8 length (32 bits) and bytes.
    public mutating func write(_ string: String) {
        write(UInt32(string.utf8.count))
        write(string.utf8)
    }
}

/// Reads the little-endian values of a model file in order; nil when the bytes run out.
public struct ByteReader: Sendable {
    public let bytes: [UInt8]
    /// Where the next value starts.
    public var cursor: Int { position }
    @usableFromInline var position = 0

    public init(_ data: Data) { bytes = [UInt8](data) }

    @inlinable public var remaining: Int { bytes.count - position }
    @inlinable public var isAtEnd: Bool { position == bytes.count }

    // The reads are inlinable, so that each caller's types are read by code made for them: a
    // model of a few megabytes read through generic code took a fifth of a second to load.

    @inlinable
    public mutating func read<T: FixedWidthInteger>(_: T.Type) -> T? {
        let size = MemoryLayout<T>.size
        guard remaining >= size else { return nil }
        let start = position
        position += size
        return T(littleEndian: bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: start, as: T.self) })
    }

    @inlinable
    public mutating func read(_: Float.Type) -> Float? { read(UInt32.self).map(Float.init(bitPattern:)) }

    /// `count` bytes, as they are.
    @inlinable
    public mutating func read(bytes count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0, remaining >= count else { return nil }
        defer { position += count }
        return bytes[position..<(position + count)]
    }

    /// A string written by `ByteWriter.write(_: String)`; nil when cut short or not UTF-8.
    public mutating func read(_: String.Type) -> String? {
        guard let length = read(UInt32.self), let utf8 = read(bytes: Int(length)) else { return nil }
        return String(validating: utf8, as: UTF8.self)
    }

    /// `count` values of a type, read at once (copied as they lie, on a little-endian machine).
    @inlinable
    public mutating func read<T: FixedWidthInteger>(_: T.Type, count: Int) -> [T]? {
        let size = MemoryLayout<T>.size
        guard count >= 0, remaining / size >= count else { return nil }
        let start = position
        position += count * size
        return [T](unsafeUninitializedCapacity: count) { values, initialized in
            bytes.withUnsafeBytes { raw in
                UnsafeMutableRawBufferPointer(values).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: raw[start..<(start + count * size)]))
            }
            initialized = count
            if 1.littleEndian != 1 {
                for index in 0..<count { values[index] = T(littleEndian: values[index]) }
            }
        }
    }
}

/// A model's file: `KSEQ`, the format version, the label count and names, the transition mask
/// (a byte per pair) and weights, then the feature keys in ascending order and their weights, as
/// 32-bit floats or as 16-bit integers with one scale (half the size; each weight within half a
/// step of its value).
extension SequenceModel {
    public static let magic: [UInt8] = Array("KSEQ".utf8)
    public static let formatVersion: UInt32 = 1

    /// How the feature weights are stored.
    public enum Precision: UInt8, Sendable {
        case float32 = 0
        case int16 = 1
    }

    public struct FormatError: Error, CustomStringConvertible, Equatable {
        public var reason: String
        public var description: String { "not a sequence model: \(reason)" }
    }

    public func serialized(precision: Precision = .float32) -> Data {
        let n = labelCount
        var out = ByteWriter()
        out.write(Self.magic)
        out.write(Self.formatVersion)
        out.write(UInt32(n))
        out.write(precision.rawValue)
        out.write(UInt32(labelNames.count))
        for name in labelNames { out.write(name) }
        out.write(mask.allowed.map { $0 ? 1 : 0 as UInt8 })
        for value in transitions { out.write(value) }
        out.write(UInt32(keys.count))
        for key in keys { out.write(key) }
        switch precision {
        case .float32:
            for value in weights { out.write(value) }
        case .int16:
            let scale = Self.scale(of: weights)
            out.write(scale)
            for value in weights { out.write(Int16((value / scale).rounded())) }
        }
        return out.data
    }

    /// The step of 16-bit weights: the largest weight is 32767 steps.
    static func scale(of weights: [Float]) -> Float {
        let largest = weights.lazy.map(abs).max() ?? 0
        return max(largest, .leastNormalMagnitude) / 32767
    }

    /// Reads a model written by `serialized`.
    public init(data: Data) throws(FormatError) {
        var input = ByteReader(data)
        func fail(_ reason: String) -> FormatError { FormatError(reason: reason) }
        guard input.read(bytes: 4).map(Array.init) == Self.magic else { throw fail("bad magic") }
        guard let version = input.read(UInt32.self) else { throw fail("truncated") }
        guard version == Self.formatVersion else { throw fail("unknown version \(version)") }
        guard let count = input.read(UInt32.self), let precisionByte = input.read(UInt8.self),
            let nameCount = input.read(UInt32.self)
        else { throw fail("truncated") }
        let n = Int(count)
        guard (1...256).contains(n), nameCount == 0 || nameCount == count else { throw fail("bad dimensions") }
        guard let precision = Precision(rawValue: precisionByte) else { throw fail("unknown precision") }
        var names: [String] = []
        for _ in 0..<nameCount {
            guard let name = input.read(String.self) else { throw fail("bad label name") }
            names.append(name)
        }
        guard let maskBytes = input.read(bytes: (n + 1) * n), maskBytes.allSatisfy({ $0 <= 1 }) else {
            throw fail("bad transition mask")
        }
        let allowed = Array(maskBytes)
        let mask = TransitionMask(labelCount: n) { previous, current in allowed[(previous ?? n) * n + current] == 1 }
        guard let transitionBits = input.read(UInt32.self, count: (n + 1) * n),
            let rowCount = input.read(UInt32.self), Int(rowCount) <= input.remaining / (4 + 2 * n),
            let keys = input.read(UInt32.self, count: Int(rowCount))
        else { throw fail("truncated") }
        guard zip(keys, keys.dropFirst()).allSatisfy({ $0 < $1 }), keys.first != 0 else {
            throw fail("keys out of order")
        }
        let weights: [Float]
        switch precision {
        case .float32:
            guard let bits = input.read(UInt32.self, count: keys.count * n) else { throw fail("truncated") }
            weights = bits.map(Float.init(bitPattern:))
        case .int16:
            guard let scale = input.read(Float.self), let steps = input.read(Int16.self, count: keys.count * n) else {
                throw fail("truncated")
            }
            weights = steps.map { Float($0) * scale }
        }
        guard input.isAtEnd else { throw fail("bad length") }
        guard weights.allSatisfy(\.isFinite), transitionBits.allSatisfy({ Float(bitPattern: $0).isFinite }) else {
            throw fail("weights not finite")
        }
        self.init(
            mask: mask, transitions: transitionBits.map(Float.init(bitPattern:)), sortedKeys: keys, weights: weights,
            labelNames: names)
    }
}
