import Articles
import Synchronization

/// The page templates of the groups articles were opened from, kept between opens: an outlet's
/// templates can be tens of thousands of lines, read again for every article otherwise. Emptied
/// when this index writes (an update) and when another connection has written to the database
/// (SQLite's `data_version` moved), so an article is never read with templates older than the
/// index's.
final class TemplateCache: Sendable {
    private struct Contents {
        var dataVersion: Int64?
        var groups: [Int64: PageTemplates] = [:]
    }
    private let contents = Mutex(Contents())

    /// Groups kept at most; the cache starts afresh beyond.
    static let limit = 64

    /// A group's templates as kept, when the database has not changed since.
    func templates(ofGroup group: Int64, dataVersion: Int64) -> PageTemplates? {
        contents.withLock { $0.dataVersion == dataVersion ? $0.groups[group] : nil }
    }

    func keep(_ templates: PageTemplates, ofGroup group: Int64, dataVersion: Int64) {
        contents.withLock { contents in
            if contents.dataVersion != dataVersion || contents.groups.count >= Self.limit {
                contents = Contents(dataVersion: dataVersion)
            }
            contents.groups[group] = templates
        }
    }

    func empty() { contents.withLock { $0 = Contents() } }
}
