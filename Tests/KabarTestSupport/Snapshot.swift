import Foundation
import TerminalUI
import Testing

/// Compares a canvas with a snapshot file beside the test: its text and, under it, one symbol per
/// cell naming the role. `KABAR_RECORD_SNAPSHOTS=1` re-records; a missing snapshot is written and
/// the test fails, so nothing is ever recorded silently.
public func expectSnapshot(
    _ canvas: Canvas, named name: String, filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let rendered = snapshotText(canvas)
    let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let file = folder.appendingPathComponent(name + ".txt")
    let record = ProcessInfo.processInfo.environment["KABAR_RECORD_SNAPSHOTS"] == "1"
    let existing = try? String(contentsOf: file, encoding: .utf8)
    if record || existing == nil {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? rendered.write(to: file, atomically: true, encoding: .utf8)
        if existing == nil {
            Issue.record(
                "No snapshot \(name) existed; recorded it. Check it and run again.", sourceLocation: sourceLocation)
        }
        return
    }
    if existing != rendered {
        Issue.record(
            "Snapshot \(name) differs.\n--- expected\n\(existing!)\n--- actual\n\(rendered)",
            sourceLocation: sourceLocation)
    }
}

/// The symbols used for roles in snapshot files: `.` for plain text, letters for the rest.
public let roleLegend: [Role: Character] = {
    var legend: [Role: Character] = [.text: "."]
    let symbols = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    for (index, role) in Role.all.filter({ $0 != .text }).enumerated() {
        legend[role] = symbols[index]
    }
    return legend
}()

/// A canvas as snapshot text: the screen, then the role of every cell, then the legend used.
public func snapshotText(_ canvas: Canvas) -> String {
    var text = "── screen \(canvas.width)×\(canvas.height)\n"
    text += canvas.lines.map { $0 + "\n" }.joined()
    text += "── roles\n"
    text += canvas.roleLines(legend: roleLegend).map { $0 + "\n" }.joined()
    let used = Set(canvas.cells.map(\.role))
    text += "── legend\n"
    for role in Role.all where used.contains(role) {
        text += "\(roleLegend[role]!) \(role.rawValue)\n"
    }
    return text
}
