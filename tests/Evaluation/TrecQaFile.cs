using System.Text;
using System.Text.RegularExpressions;

namespace Newsroom.Evaluation;

/// <summary>One TrecQA question with its candidate sentences, each judged as answering it or not.</summary>
internal sealed record TrecQaQuestion(string Id, string Text, IReadOnlyList<(string Sentence, bool Positive)> Candidates)
{
    /// <summary>True when some candidate answers the question (only those are asked).</summary>
    public bool HasPositive => Candidates.Any(c => c.Positive);
}

/// <summary>
/// A TrecQA file (Yao et al., NAACL 2013; pseudo-XML, nothing escaped): each <c>&lt;QApairs&gt;</c>
/// holds a <c>&lt;question&gt;</c> and <c>&lt;positive&gt;</c> / <c>&lt;negative&gt;</c> blocks whose
/// first line is the text, one token per tab, followed by annotation lines that are ignored.
/// </summary>
internal static partial class TrecQaFile
{
    public static IReadOnlyList<TrecQaQuestion> Load(string path)
    {
        var questions = new List<TrecQaQuestion>();
        string? id = null;
        string? question = null;
        var candidates = new List<(string, bool)>();
        string? block = null;
        var expectText = false;
        foreach (var line in File.ReadLines(path))
        {
            if (Pairs().Match(line) is { Success: true } pairs)
            {
                id = pairs.Groups[1].Value;
                question = null;
                candidates = [];
            }
            else if (line is "<question>" or "<positive>" or "<negative>")
            {
                block = line[1..^1];
                expectText = true;
            }
            else if (line.StartsWith("</QApairs", StringComparison.Ordinal))
            {
                if (id is not null && question is not null)
                {
                    questions.Add(new TrecQaQuestion(id, question, candidates));
                }

                id = null;
            }
            else if (expectText)
            {
                expectText = false;
                var text = Detokenise(line.Split('\t', StringSplitOptions.RemoveEmptyEntries));
                if (block == "question")
                {
                    question = text;
                }
                else
                {
                    candidates.Add((text, block == "positive"));
                }
            }
        }

        return questions;
    }

    /// <summary>
    /// Tokens back into text, as the data's README says: joined with spaces, punctuation and
    /// clitics attached to the word before, PTB quotes and brackets turned back.
    /// </summary>
    public static string Detokenise(IReadOnlyList<string> tokens)
    {
        var text = new StringBuilder();
        var glueNext = false;
        foreach (var raw in tokens)
        {
            var (token, glueBefore, glueAfter) = raw switch
            {
                "-LRB-" => ("(", false, true),
                "-RRB-" => (")", true, false),
                "``" => ("\"", false, true),
                "''" => ("\"", true, false),
                "," or "." or ";" or ":" or "?" or "!" or "%" => (raw, true, false),
                _ when raw.Equals("n't", StringComparison.OrdinalIgnoreCase) || (raw.Length > 1 && raw[0] == '\'' && raw.Skip(1).All(char.IsLetter)) => (raw, true, false),
                _ => (raw, false, false),
            };
            if (text.Length > 0 && !glueBefore && !glueNext)
            {
                text.Append(' ');
            }

            text.Append(token);
            glueNext = glueAfter;
        }

        return text.ToString();
    }

    /// <summary>Text compared "up to case, spaces and punctuation".</summary>
    public static string Normalise(string text) => string.Concat(text.Where(char.IsLetterOrDigit)).ToLowerInvariant();

    [GeneratedRegex(@"^<QApairs id='([^']*)'>")]
    private static partial Regex Pairs();
}
