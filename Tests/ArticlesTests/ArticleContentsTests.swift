import Testing

@testable import Articles

@Suite("Decoding article files: encodings, limits, files that hold no article")
struct ArticleContentsTests {
    func decoded(_ bytes: [UInt8]) -> Result<ArticleContents, ArticleContents.Problem> {
        ArticleContents.decode(bytes)
    }

    @Test("Latin-1 and Windows-1252 text is read as such, not as broken UTF-8")
    func singleByteEncodings() throws {
        // "Menteri Keuangan Sri Mulyani: “Rp 5 juta” – café" in Windows-1252.
        let bytes: [UInt8] =
            Array("Menteri: ".utf8) + [0x93] + Array("Rp 5 juta".utf8) + [0x94, 0x20, 0x96, 0x20]
            + Array("caf".utf8) + [0xE9]
        let contents = try decoded(bytes).get()
        #expect(contents.encoding == .windows1252)
        #expect(contents.text == "Menteri: “Rp 5 juta” – café")
        // Latin-1 alone: ISO-8859-1 letters.
        let latin1 = try decoded(Array("Jos".utf8) + [0xE9, 0x20] + Array("M".utf8) + [0xFC, 0x6C, 0x6C, 0x65, 0x72])
            .get()
        #expect(latin1.text == "José Müller")
    }

    @Test("UTF-8 with a few stray bytes stays UTF-8, the strays replaced")
    func damagedUTF8() throws {
        let text = String(repeating: "Café déjà vu, naïve résumé. ", count: 5)
        let contents = try decoded(Array(text.utf8) + [0xFF] + Array(" akhir".utf8)).get()
        #expect(contents.encoding == .utf8)
        #expect(contents.text.hasPrefix("Café déjà vu"))
        #expect(contents.text.contains("\u{FFFD} akhir"))
    }

    @Test("UTF-16 with a byte-order mark, either order; a UTF-8 byte-order mark is dropped")
    func utf16() throws {
        let text = "Judul Berita\r\nJakarta – isi 日本"
        let little: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try decoded(little).get().text == "Judul Berita\nJakarta – isi 日本")
        #expect(try decoded(little).get().encoding == .utf16LittleEndian)
        #expect(try decoded(big).get().text == "Judul Berita\nJakarta – isi 日本")
        #expect(try decoded([0xEF, 0xBB, 0xBF] + Array("Judul".utf8)).get().text == "Judul")
    }

    @Test("CRLF and lone CR line ends become \\n")
    func lineEnds() throws {
        #expect(try decoded(Array("a\r\nb\rc\n".utf8)).get().text == "a\nb\nc\n")
    }

    @Test(
        "empty, blank, binary files are refused with the reason",
        arguments: [
            ([], "empty file"), (Array(" \n\t\r\n ".utf8), "only whitespace"),
            ([0xEF, 0xBB, 0xBF, 0x0A], "only whitespace"),
            (Array("Judul".utf8) + [0, 1, 2], "binary file (contains NUL bytes)"),
            ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D], "binary file (contains NUL bytes)"),
        ] as [([UInt8], String)])
    func refused(bytes: [UInt8], reason: String) {
        guard case .failure(let problem) = decoded(bytes) else {
            Issue.record("accepted \(bytes)")
            return
        }
        #expect(problem.reason == reason)
    }

    @Test("a file past the limit is cut at a line end near it and marked truncated")
    func truncation() throws {
        let line = String(repeating: "kata ", count: 19) + "akhir\n"  // 101 bytes
        let bytes = Array(String(repeating: line, count: 30).utf8)
        let contents = try ArticleContents.decode(bytes, limit: 1000).get()
        #expect(contents.isTruncated)
        #expect(contents.text.utf8.count == 909)
        #expect(contents.text.hasSuffix("akhir\n"))
        #expect(try ArticleContents.decode(bytes, limit: 10_000).get().isTruncated == false)
        // One long line: cut at the limit, never inside a character.
        let long = Array(String(repeating: "é", count: 1000).utf8)
        let cut = try ArticleContents.decode(long, limit: 999).get()
        #expect(cut.isTruncated)
        #expect(cut.encoding == .utf8)
        #expect(cut.text.unicodeScalars.allSatisfy { $0 == "é" })
        #expect(cut.text.count == 499)
    }
}
