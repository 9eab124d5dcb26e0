using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Coordination.Workflows.Audit;

/// <summary>
/// The canonical form of an entry and its hash. Each field is written as its length, a colon and
/// its UTF-16 text, so no value can be shifted into its neighbour; the previous entry's hash is
/// the last field, so changing, removing or reordering any entry breaks every later link.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    private const string Version = "audit-v1";

    public static string HashOf(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var canonical = new StringBuilder();
        foreach (var field in Fields(entry))
        {
            canonical.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append(';');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    /// <summary>Instants are kept to the microsecond, the finest both databases store.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }

    private static IEnumerable<string> Fields(AuditEntry e)
    {
        yield return Version;
        yield return e.Sequence.ToString(CultureInfo.InvariantCulture);
        yield return Truncate(e.At).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        yield return e.ActorUserId?.ToString("D") ?? "";
        yield return e.Actor;
        yield return e.Action.ToString();
        yield return e.SubjectType;
        yield return e.SubjectId;
        yield return e.MunicipalityId?.ToString("D") ?? "";
        yield return e.Basis;
        yield return e.Detail;
        yield return e.PreviousHash;
    }
}
