import Library
import Search

/// A store of seven stories, a month apart, and the views the paging tests list them in.
public enum MonthlyStories {
    /// Every story; a word every story has; three months' dates; a word none has.
    public static let views: [(query: SearchQuery?, filter: ArticleFilter)] = [
        (nil, ArticleFilter()), (SearchQuery("gempa"), ArticleFilter()),
        (nil, ArticleFilter(fromDay: "2022-03-01", toDay: "2022-05-31")), (SearchQuery("zzzz"), ArticleFilter()),
    ]
}

extension TemporaryFolder {
    /// One report of an earthquake, copied by a second folder, on the 21st of each month from
    /// January to July 2022: seven stories of two articles, a month apart (too far apart to join).
    public func writeMonthlyStories() throws {
        let months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli"]
        for (number, month) in months.enumerated() {
            let page = """
                Gempa Magnitudo 5,6 Guncang Cianjur, Ratusan Rumah Rusak
                Senin, 21 \(month) 2022 14:10 WIB

                Gempa bumi berkekuatan magnitudo 5,6 mengguncang Kabupaten Cianjur, Jawa Barat, pada Senin siang. BMKG mencatat pusat gempa berada di darat dengan kedalaman 10 kilometer.

                Ratusan rumah warga di Cianjur rusak dan ribuan warga mengungsi ke tenda darurat, kata Kepala BPBD Cianjur.
                """
            try write("satu/\(number).txt", page)
            try write("dua/\(number).txt", page)
        }
    }
}

extension ArticleLibrary {
    /// A view's stories read three at a time, page after page, until a page comes short.
    public func storiesByPages(matching query: SearchQuery?, filter: ArticleFilter) throws -> [StorySummary] {
        var stories: [StorySummary] = []
        while true {
            let page = try self.stories(
                matching: query, filter: filter, minimumOutlets: 1, offset: stories.count, limit: 3)
            stories += page
            if page.count < 3 { return stories }
        }
    }
}
