import Foundation

/// The theme files in this folder, shipped inside kabar as resources.
public enum BundledThemes {
    /// The text of a bundled theme, by name without the `.theme` extension.
    public static func text(named name: String) -> String? {
        guard let url = Bundle.module.url(forResource: name, withExtension: "theme") else { return nil }
        return try? String(contentsOf: url, encoding: .utf8)
    }

    /// Names of every bundled theme.
    public static var names: [String] {
        guard let folder = Bundle.module.resourceURL,
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { return [] }
        return names.filter { $0.hasSuffix(".theme") }.map { String($0.dropLast(".theme".count)) }.sorted()
    }
}
