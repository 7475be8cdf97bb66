import Foundation

/// The five example articles that ship inside kabar, opened when no store is named.
public enum SampleStore {
    /// The folder holding the sample articles, inside the program's resources.
    public static var url: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Articles", isDirectory: true)
    }
}
