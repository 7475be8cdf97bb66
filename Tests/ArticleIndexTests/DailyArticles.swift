import KabarTestSupport
import Library

@testable import ArticleIndex

/// Writes `days` days of three articles each from 2023-01-01 into `store`, numbered in order and
/// dated at 10, 11 and 12 o'clock; `page` gives an article's file name, title and body from its
/// number and day.
func writeDailyArticles(
    days: Int, into store: TemporaryFolder,
    page: (_ number: Int, _ day: Int) -> (name: String, title: String, body: String)
) throws {
    var number = 0
    let start = ArticleKey.daysSinceEpoch(year: 2023, month: 1, day: 1)
    for day in 0..<days {
        let date = ArticleKey.date(ofDay: start + Int64(day))
        for hour in 0..<3 {
            let (name, title, body) = page(number, day)
            try store.write(name, "\(title)\n\(date.iso)T\(10 + hour):00\n\n\(body)\n")
            number += 1
        }
    }
}
