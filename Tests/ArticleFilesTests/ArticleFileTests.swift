import ArticleFiles
import Articles
import Foundation
import Testing

@Suite("Reading article files from disk: bounded reads, files that cannot be opened")
struct ArticleFileTests {
    @Test("a huge file is read only up to the limit: a 200 MB file with a 5 MB line")
    func hugeFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kabar-huge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("huge.txt")
        var text = "Judul Berita Yang Sangat Panjang\n\n5 Maret 2025 10:00\n\nJakarta - "
        text += String(repeating: "kata panjang ", count: 5_000_000 / 13) + "\n"
        try Data(text.utf8).write(to: url)
        // The rest of 200 MB as a hole: the file is that long without filling the disk.
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 200 << 20)
        try handle.close()
        let contents = try ArticleFile.read(path: url.path).get()
        #expect(contents.isTruncated)
        #expect(contents.text.utf8.count <= ArticleFile.byteLimit)
        #expect(contents.text.hasPrefix("Judul Berita Yang Sangat Panjang\n"))
        let article = ArticleExtractor().extract(contents.text)
        #expect(article.title == "Judul Berita Yang Sangat Panjang")
        #expect(article.body.utf8.count > 4_000_000)
    }

    @Test("a file that cannot be opened names the reason")
    func unreadable() {
        guard case .failure(let problem) = ArticleFile.read(path: "/nonexistent/kabar/file.txt") else {
            Issue.record("read a file that does not exist")
            return
        }
        #expect(problem.reason == "cannot be read (No such file or directory)")
        guard case .failure(let folder) = ArticleFile.read(path: "/") else {
            Issue.record("read a folder as an article file")
            return
        }
        #expect(folder.reason == "not a regular file")
    }
}
