using System.Text.Json.Nodes;
using DiscussionBot.Core.Answers;
using DiscussionBot.Text.Answers;
using DiscussionBot.Text.Lexical;
using Microsoft.Extensions.DependencyInjection;

namespace DiscussionBot.Evaluation;

/// <summary>
/// <c>--features</c>: every query's re-ranked candidates with the re-ranker's features, one JSON line per query,
/// so weights can be tuned offline on several sets at once.
/// </summary>
internal static class CandidateFeatures
{
    /// <param name="idOf">The evaluation set's id of a candidate (document id, sentence ordinal), or null.</param>
    public static async Task<string> LineAsync(IServiceProvider services, JsonNode id, string query, Func<(long DocumentId, int Ordinal), string?> idOf, CancellationToken cancellationToken)
    {
        var engine = (QuoteEngine)services.GetRequiredService<IQuoteEngine>();
        CorpusSnapshot snapshot = await services.GetRequiredService<CorpusCache>().GetAsync(cancellationToken);
        IReadOnlyList<RankedPassage> ranked = await engine.RankPassagesAsync(snapshot, query.Trim(), null, cancellationToken);
        var candidates = new JsonArray();
        foreach (RankedPassage p in ranked)
        {
            PassageFeatures f = p.Features;
            SentenceRow row = snapshot.Rows[p.Row];
            candidates.Add(new JsonObject
            {
                ["text"] = row.Text,
                ["doc"] = row.DocumentId,
                ["sid"] = idOf((row.DocumentId, row.Ordinal)),
                ["pos"] = row.Ordinal,
                ["len"] = Tokenizer.Tokenize(row.Text).Count,
                ["score"] = p.Score,
                ["lz"] = f.LexicalZ,
                ["dz"] = f.DenseZ,
                ["cos"] = double.IsNaN(f.Cosine) ? 0 : f.Cosine,
                ["cov"] = f.Coverage,
                ["type"] = f.AnswerType,
                ["prior"] = f.DocumentPrior,
                ["pcos"] = f.ParagraphCosine,
                ["pcov"] = f.ParagraphCoverage,
                ["ctx"] = f.DocumentContext,
            });
        }

        // the query's words and how often the store uses each (0: a word no sentence holds)
        var terms = new JsonArray();
        string trimmed = query.Trim();
        List<Token> tokens = Tokenizer.Tokenize(trimmed);
        for (int i = 0; i < tokens.Count; i++)
        {
            Token t = tokens[i];
            terms.Add(new JsonObject
            {
                ["w"] = t.Lower,
                ["stop"] = t.IsStopWord,
                ["cue"] = QuestionCues.IsCueWord(tokens, i),
                ["cap"] = i > 0 && char.IsUpper(trimmed[t.Start]),
                ["df"] = snapshot.Terms.FrequencyOf(t.Stem),
            });
        }

        return new JsonObject
        {
            ["id"] = id.DeepClone(), ["query"] = query, ["rows"] = snapshot.Rows.Length, ["terms"] = terms, ["candidates"] = candidates,
        }.ToJsonString();
    }
}
