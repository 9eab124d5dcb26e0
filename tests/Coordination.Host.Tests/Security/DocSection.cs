using Coordination.Testing;

namespace Coordination.Host.Tests.Security;

/// <summary>
/// A generated section of a document in the repository, between two markers: the test fails
/// when the document shows something else, and rewrites it when
/// <c>COORDINATION_UPDATE_SECURITY_DOC=1</c> (review the difference before committing).
/// </summary>
internal static class DocSection
{
    public static async Task AssertCurrentAsync(string relativePath, string start, string end, string generated)
    {
        var file = Path.Combine(TestEnvironment.RepositoryRoot, relativePath);
        var doc = await File.ReadAllTextAsync(file);
        var from = doc.IndexOf(start, StringComparison.Ordinal);
        var to = doc.IndexOf(end, StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, $"{relativePath} has no markers {start} … {end}.");
        var current = doc[(from + start.Length)..to].Trim();
        if (current == generated.Trim())
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("COORDINATION_UPDATE_SECURITY_DOC") == "1")
        {
            await File.WriteAllTextAsync(file, doc[..(from + start.Length)] + "\n" + generated.Trim() + "\n" + doc[to..]);
        }

        var shown = current.Split('\n').Select(l => l.TrimEnd('\r')).ToHashSet();
        var now = generated.Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var differing = now.Where(l => !shown.Contains(l)).Take(10);
        Assert.Fail($"The generated section of {relativePath} is stale; run this test with COORDINATION_UPDATE_SECURITY_DOC=1 to rewrite it, and review the difference. Lines not in the document:\n" + string.Join("\n", differing));
    }
}
