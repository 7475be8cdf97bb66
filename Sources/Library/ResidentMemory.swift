import Foundation

/// The process's resident memory, as Linux gives it in `/proc/self/status`.
public enum ResidentMemory {
    /// The peak resident size so far (`VmHWM`), in kilobytes; nil where it cannot be read. Not
    /// `ru_maxrss`: a process started by `posix_spawn` carries its parent's peak in that figure.
    public static func peakKilobytes() -> Int? { kilobytes("VmHWM:") }

    /// The resident size now (`VmRSS`), in kilobytes; nil where it cannot be read.
    public static func currentKilobytes() -> Int? { kilobytes("VmRSS:") }

    /// Starts the peak again from the resident size now (`5` written to `/proc/self/clear_refs`),
    /// so that `peakKilobytes` then tells the peak of what came after; false where the system does
    /// not allow it, and the peak goes on including what came before.
    @discardableResult
    public static func resetPeak() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        do {
            try handle.write(contentsOf: Data("5".utf8))
            return true
        } catch {
            return false
        }
    }

    private static func kilobytes(_ field: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(field) {
            return Int(line.dropFirst(field.count).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "")
        }
        return nil
    }
}
