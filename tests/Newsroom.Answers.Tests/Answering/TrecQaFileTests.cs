using Newsroom.Evaluation;

namespace Newsroom.Answers.Tests;

/// <summary>The evaluation program's reader of TrecQA files (the licensed data itself stays outside the repository).</summary>
public sealed class TrecQaFileTests
{
    [Fact]
    public void Tokens_become_text_as_the_data_describes()
    {
        string[] tokens = ["``", "We", "do", "n't", "know", ",", "''", "the", "mayor", "-LRB-", "Alan", "Chu", "-RRB-", "said", "of", "the", "city", "'s", "5", "%", "rise", "."];

        var text = TrecQaFile.Detokenise(tokens);

        Assert.Equal("\"We don't know,\" the mayor (Alan Chu) said of the city's 5% rise.", text);
    }

    [Fact]
    public void A_file_gives_each_question_with_its_judged_sentences_and_ignores_the_annotation_lines()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, string.Join('\n',
                "<QApairs id='7.1'>", "<question>", "Who\tfounded\tthe\tcity\t?", "WP\tVBD\tDT\tNN\t.", "</question>",
                "<positive>", "Jane\tRoe\tfounded\tit\t.", "NNP\tNNP\tVBD\tPRP\t.", "</positive>",
                "<negative>", "It\tis\tlarge\t.", "PRP\tVBZ\tJJ\t.", "</negative>", "</QApairs>",
                "<QApairs id='7.2'>", "<question>", "When\t?", "</question>", "<negative>", "Never\t.", "</negative>", "</QApairs>"));

            var questions = TrecQaFile.Load(path);

            Assert.Equal(["7.1", "7.2"], questions.Select(q => q.Id));
            Assert.Equal("Who founded the city?", questions[0].Text);
            Assert.Equal([("Jane Roe founded it.", true), ("It is large.", false)], questions[0].Candidates);
            Assert.True(questions[0].HasPositive);
            Assert.False(questions[1].HasPositive);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
