import TerminalUI

/// The screen shown while a store is being indexed.
public enum ProgressView {
    public static func render(_ progress: (done: Int, total: Int), storeName: String, size: (width: Int, height: Int))
        -> Canvas
    {
        var canvas = Canvas(width: size.width, height: size.height)
        guard size.height >= 3, size.width >= 10 else { return canvas }
        let y = size.height / 2 - 1
        let title = " Indexing " + storeName
        canvas.write(title.truncated(toWidth: size.width), x: 0, y: y, role: .heading)
        let barWidth = max(0, min(50, size.width - 24))
        let filled = progress.total == 0 ? barWidth : barWidth * progress.done / progress.total
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled)
        canvas.write(" " + bar + " \(progress.done)/\(progress.total) files", x: 0, y: y + 1, role: .text)
        return canvas
    }
}
