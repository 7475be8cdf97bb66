import ArticleFiles
import Articles
import Foundation

/// Pages with their gold keys, read from the folder layouts kabar's labelled pages come in:
/// `DIR/raw/*.txt` with `DIR/labels/*.json` (held out by the file name's prefix before its last
/// `_`, the outlet), `DIR/pages/*.txt` with `DIR/labels/*.json` (held out by the key's outlet), or
/// `DIR/*.txt` with the keys in a sibling `DIR-labels` or `seed-labels` folder (each page alone).
enum GoldPages {
    static func load(_ folders: [String]) throws -> [GoldPage] {
        var pages: [GoldPage] = []
        for folder in folders {
            let root = URL(fileURLWithPath: folder)
            let manager = FileManager.default
            func isFolder(_ url: URL) -> Bool { PathKind(of: url.path) == .folder }
            guard isFolder(root) else { throw CommandFailure("\(folder): not a folder") }
            let labels = root.appendingPathComponent("labels")
            let texts: URL
            let labelFolder: URL
            let grouping: Grouping
            if isFolder(root.appendingPathComponent("raw")), isFolder(labels) {
                (texts, labelFolder, grouping) = (root.appendingPathComponent("raw"), labels, .namePrefix)
            } else if isFolder(root.appendingPathComponent("pages")), isFolder(labels) {
                (texts, labelFolder, grouping) = (root.appendingPathComponent("pages"), labels, .labelOutlet)
            } else {
                let name = root.standardizedFileURL.lastPathComponent
                let parent = root.standardizedFileURL.deletingLastPathComponent()
                let siblings = [name + "-labels", String(name.dropLast(name.hasSuffix("s") ? 1 : 0)) + "-labels"]
                guard let sibling = siblings.map({ parent.appendingPathComponent($0) }).first(where: isFolder) else {
                    throw CommandFailure(
                        "\(folder): no labelled pages (expected raw/ and labels/, pages/ and labels/, or a sibling \(siblings[0]) folder)"
                    )
                }
                (texts, labelFolder, grouping) = (root, sibling, .eachPage)
            }
            let names = try manager.contentsOfDirectory(atPath: texts.path).filter { $0.hasSuffix(".txt") }.sorted()
            for name in names {
                let stem = String(name.dropLast(4))
                let labelURL = labelFolder.appendingPathComponent(stem + ".json")
                guard let data = manager.contents(atPath: labelURL.path) else {
                    throw CommandFailure("\(labelURL.path): missing (the key of \(name))")
                }
                let label: GoldLabel
                do {
                    label = try JSONDecoder().decode(GoldLabel.self, from: data)
                } catch {
                    throw CommandFailure("\(labelURL.path): not a page key (\(error))")
                }
                let text = try ArticleFile.text(at: texts.appendingPathComponent(name).path)
                let group: String
                switch grouping {
                case .namePrefix:
                    group = stem.range(of: "_", options: .backwards).map { String(stem[..<$0.lowerBound]) } ?? stem
                case .labelOutlet: group = label.outlet ?? stem
                case .eachPage: group = stem
                }
                pages.append(GoldPage(name: name, group: group, text: text, label: label))
            }
        }
        guard !pages.isEmpty else { throw CommandFailure("no labelled pages in \(folders.joined(separator: ", "))") }
        return pages
    }

    enum Grouping { case namePrefix, labelOutlet, eachPage }
}
