/// Fast word scanning over UTF-8 for what the stemmer can use: runs of ASCII letters, lower-cased.
/// A run touching a digit or any non-ASCII letter is not a plain word and is left out.
public enum PlainWords {
    /// The distinct plain words of 3 to 30 letters in `text`.
    public static func distinct(in text: String) -> Set<String> {
        var result: Set<String> = []
        var text = text
        text.withUTF8 { bytes in
            var start = -1
            var plain = true
            var index = 0
            func finish(_ end: Int) {
                if start >= 0, plain, end - start >= 3, end - start <= 30 {
                    var word = [UInt8](bytes[start..<end])
                    for i in word.indices where word[i] < 0x61 { word[i] |= 0x20 }
                    result.insert(String(decoding: word, as: UTF8.self))
                }
                start = -1
                plain = true
            }
            while index < bytes.count {
                let byte = bytes[index]
                let isLetter = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
                let isDigit = byte >= 0x30 && byte <= 0x39
                if isLetter || isDigit || byte >= 0x80 {
                    if start < 0 { start = index }
                    if !isLetter { plain = false }
                } else {
                    finish(index)
                }
                index += 1
            }
            finish(bytes.count)
        }
        return result
    }
}
