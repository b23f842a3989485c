using System.Text;

namespace DiscussionBot.Text.Tests;

/// <summary>Generated long documents and large stores for scale tests (behaviour only; timings live in the benchmarks).</summary>
internal static class LongText
{
    private static readonly string[][] Topics =
    [
        ["harbour", "fishing fleet", "trawler crews", "catch quotas", "sea ports"],
        ["railway", "train timetables", "signal failures", "commuter fares", "station platforms"],
        ["vineyard", "grape harvest", "wine exports", "cellar doors", "oak barrels"],
        ["hospital", "nurse shortages", "waiting lists", "emergency wards", "surgery backlogs"],
        ["orchestra", "concert season", "violin section", "symphony tickets", "opera house"],
        ["glacier", "ice sheets", "meltwater rivers", "mountain valleys", "snow cover"],
    ];

    /// <summary>
    /// A document of <paramref name="paragraphs"/> paragraphs of three sentences, in runs of ten paragraphs per
    /// topic; returns the text and, per paragraph, its topic.
    /// </summary>
    public static (string Text, int[] TopicOfParagraph) Document(int paragraphs, int seed = 7)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        int[] topics = new int[paragraphs];
        for (int p = 0; p < paragraphs; p++)
        {
            int topic = (p / 10) % Topics.Length;
            topics[p] = topic;
            string[] words = Topics[topic];
            for (int s = 0; s < 3; s++)
            {
                string a = words[random.Next(words.Length)];
                string b = words[random.Next(words.Length)];
                text.Append(s switch
                {
                    0 => $"The {a} and the {b} came up again in part {p + 1}. ",
                    1 => $"Everyone agreed that {b} depend on {a}. ",
                    _ => $"Nobody expected the {a} to outlast the {b}. ",
                });
            }

            text.Append("\n\n");
        }

        return (text.ToString(), topics);
    }

    /// <summary>A short article about one topic (its index mod the topic count).</summary>
    public static string Article(int topic, int variant)
    {
        string[] words = Topics[topic % Topics.Length];
        return $"Report {variant}: the {words[0]} and the {words[1]} were discussed again.\n\n" +
               $"Officials said the {words[2]} depend on the {words[3]}.\n\n" +
               $"Critics argued that the {words[4]} and the {words[1]} need more attention.\n";
    }

    public static int TopicCount => Topics.Length;
}
