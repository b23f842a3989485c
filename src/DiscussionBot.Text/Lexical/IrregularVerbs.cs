using System.Collections.Frozen;

namespace DiscussionBot.Text.Lexical;

/// <summary>
/// The forms of English verbs whose past tense a stemmer cannot bring back to the verb ("won" and "win", "broke" and
/// "break", "wrote", "written" and "write"): a question asks "who won the 5000m" of a text that says "in winning the
/// women's 5,000m". Only the query side reads these (<see cref="Answers.QueryTerms"/>), as other spellings of a query
/// word; the sources are stemmed as they are. Verbs whose forms are regular, or are stop words ("was", "had", "did"),
/// are not listed.
/// </summary>
internal static class IrregularVerbs
{
    // each line: the verb, then its irregular past and participle forms
    private static readonly string[][] Groups =
    [
        ["arise", "arose", "arisen"], ["awake", "awoke", "awoken"], ["bear", "bore", "borne"], ["beat", "beaten"],
        ["become", "became"], ["begin", "began", "begun"], ["bend", "bent"], ["bind", "bound"], ["bite", "bit", "bitten"],
        ["bleed", "bled"], ["blow", "blew", "blown"], ["break", "broke", "broken"], ["breed", "bred"], ["bring", "brought"],
        ["build", "built"], ["burn", "burnt"], ["buy", "bought"], ["catch", "caught"], ["choose", "chose", "chosen"],
        ["come", "came"], ["creep", "crept"], ["deal", "dealt"], ["dig", "dug"], ["draw", "drew", "drawn"],
        ["dream", "dreamt"], ["drink", "drank", "drunk"], ["drive", "drove", "driven"], ["eat", "ate", "eaten"],
        ["fall", "fell", "fallen"], ["feed", "fed"], ["feel", "felt"], ["fight", "fought"], ["find", "found"],
        ["flee", "fled"], ["fly", "flew", "flown"], ["forbid", "forbade", "forbidden"], ["forget", "forgot", "forgotten"],
        ["forgive", "forgave", "forgiven"], ["freeze", "froze", "frozen"], ["get", "got", "gotten"], ["give", "gave", "given"],
        ["go", "went", "gone"], ["grow", "grew", "grown"], ["hang", "hung"], ["hear", "heard"], ["hide", "hid", "hidden"],
        ["hold", "held"], ["keep", "kept"], ["kneel", "knelt"], ["know", "knew", "known"], ["lay", "laid"],
        ["lead", "led"], ["leap", "leapt"], ["learn", "learnt"], ["leave", "left"], ["lend", "lent"], ["light", "lit"],
        ["lose", "lost"], ["make", "made"], ["mean", "meant"], ["meet", "met"], ["overthrow", "overthrew", "overthrown"],
        ["pay", "paid"], ["ride", "rode", "ridden"], ["ring", "rang", "rung"], ["rise", "rose", "risen"], ["run", "ran"],
        ["say", "said"], ["see", "saw", "seen"], ["seek", "sought"], ["sell", "sold"], ["send", "sent"],
        ["shake", "shook", "shaken"], ["shine", "shone"], ["shoot", "shot"], ["shrink", "shrank", "shrunk"],
        ["sing", "sang", "sung"], ["sink", "sank", "sunk"], ["sit", "sat"], ["sleep", "slept"], ["slide", "slid"],
        ["speak", "spoke", "spoken"], ["speed", "sped"], ["spend", "spent"], ["spin", "spun"], ["spring", "sprang", "sprung"],
        ["stand", "stood"], ["steal", "stole", "stolen"], ["stick", "stuck"], ["sting", "stung"], ["stride", "strode"],
        ["strike", "struck", "stricken"], ["strive", "strove", "striven"], ["swear", "swore", "sworn"], ["sweep", "swept"],
        ["swim", "swam", "swum"], ["swing", "swung"], ["take", "took", "taken"], ["teach", "taught"], ["tear", "tore", "torn"],
        ["tell", "told"], ["think", "thought"], ["throw", "threw", "thrown"], ["undergo", "underwent", "undergone"],
        ["understand", "understood"], ["undertake", "undertook", "undertaken"], ["wake", "woke", "woken"],
        ["wear", "wore", "worn"], ["weave", "wove", "woven"], ["weep", "wept"], ["win", "won"], ["withdraw", "withdrew", "withdrawn"],
        ["write", "wrote", "written"],
    ];

    // by stem, so "wins" and "winning" find "won" as "win" does
    private static readonly FrozenDictionary<string, string[]> FormsOf = Groups
        .SelectMany(group => group.Select(form => (Stem: Tokenizer.StemOf(form), Others: group.Where(other => other != form))))
        .GroupBy(p => p.Stem, StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.SelectMany(p => p.Others).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

    /// <summary>
    /// The verb's other forms (base, past, participle) when <paramref name="stem"/> (a <see cref="Tokenizer.StemOf"/>)
    /// is that of one of an irregular verb's forms; empty otherwise.
    /// </summary>
    public static IReadOnlyList<string> OtherForms(string stem) => FormsOf.TryGetValue(stem, out string[]? others) ? others : [];
}
