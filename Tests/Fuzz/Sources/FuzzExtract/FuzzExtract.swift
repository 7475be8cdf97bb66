import Articles
import FuzzSupport

/// Any bytes as a file's contents: decoding (every encoding, the size limit, refusals), then
/// extraction of outlet, title, date and body. Checks what must hold for every input.
func fuzzExtract(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // A small limit, so the fuzzer also reaches the truncation paths.
    guard case .success(let contents) = ArticleContents.decode(bytes, limit: 4096) else { return 0 }
    precondition(contents.text.utf8.count <= 4 * 4096 + 16, "decoded text far longer than its bytes")
    precondition(!contents.text.contains("\r"), "a carriage return survived decoding")
    let article = ArticleExtractor().extract(contents.text, path: "fuzz/input.txt")
    let lines = contents.text.split(separator: "\n", omittingEmptySubsequences: false).count
    precondition(article.bodyLineNumbers.allSatisfy { $0 >= 1 && $0 <= lines }, "a body line outside the text")
    precondition(article.bodyLineNumbers == article.bodyLineNumbers.sorted(), "body lines out of order")
    for line in article.strippedLines { precondition(line.number >= 1 && line.number <= lines) }
    if let date = article.published { precondition(!date.iso.isEmpty) }
    return 0
}

@main
enum FuzzExtract {
    static func main() {
        runFuzzer { fuzzExtract($0, $1) }
    }
}
