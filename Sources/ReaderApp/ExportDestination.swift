/// Where the reader writes exports: files that appear whole or not at all. The reader only asks;
/// the program that runs it says where (kabar writes them in the folder it was started in).
public protocol ExportDestination: Sendable {
    /// Writes a file called `name` (or, when that is taken, the name with `-2`, `-3`, … before its
    /// extension) with what `body` hands to the writing function it is given; returns the file's
    /// path. Errors `body` throws are thrown again as they are; the file is then not there.
    func write(named name: String, _ body: ((String) throws -> Void) throws -> Void) throws -> String
}
