import Articles
import BundledFiles
import Entities
import Foundation
import Search
import Stories

/// The files shipped inside kabar that its modules read, and what is wrong with them: a missing
/// one is a broken installation, said at the start of every command and by `kabar doctor`.
enum Installation {
    /// Every bundled file the modules read.
    static var bundledFiles: [BundledFile] {
        NewsTagger.bundledFiles + Stemmer.bundledFiles + OutletDirectory.bundledFiles + LineModel.bundledFiles
            + WordRarity.bundledFiles
    }

    /// Problems seen from the files' presence and size alone, cheap enough for every start.
    static func presenceProblems(of files: [BundledFile] = bundledFiles) -> [BundledFile.Problem] {
        files.compactMap { $0.presenceProblem() }
    }

    /// Problems found by reading every file as the modules do (a damaged model too).
    static func loadProblems() -> [BundledFile.Problem] {
        NewsTagger.loadProblems + Stemmer.loadProblems + OutletDirectory.loadProblems + WordRarity.loadProblems
    }

    /// The line standard error gets for a problem.
    static func warning(for problem: BundledFile.Problem) -> String {
        "kabar: broken installation: \(problem)"
    }

    /// Says on standard error what is missing, once, before a command runs.
    static func warnAtStart() {
        for problem in presenceProblems() {
            FileHandle.standardError.write(Data((warning(for: problem) + "\n").utf8))
        }
    }
}
