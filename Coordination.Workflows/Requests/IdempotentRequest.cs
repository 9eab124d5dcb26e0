namespace Coordination.Workflows.Requests;

/// <summary>
/// A request sent with an idempotency key (the <c>Idempotency-Key</c> header, or the hidden
/// field every page form carries), so that sending it again, after a timeout or a double
/// click, does not do its work twice: the first is recorded here while it runs, and its
/// response once done; a repeat with the same key gets that response again. Kept for
/// <see cref="Retention"/>.
/// </summary>
public sealed class IdempotentRequest
{
    /// <summary>How long a key and its response are kept.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    public const int KeyMaxLength = 100;

    public const int TargetMaxLength = 2000;

    /// <summary>Keys are the user's own: another user's same key is another request.</summary>
    public Guid UserId { get; set; }

    public required string Key { get; set; }

    public required string Method { get; set; }

    /// <summary>The path and query the request was sent to.</summary>
    public required string Target { get; set; }

    /// <summary>SHA-256 of the method, target and body, in hex: the same key with another request is refused.</summary>
    public required string Fingerprint { get; set; }

    /// <summary>SHA-256 of the user's security stamp, in hex: after a change of memberships or credentials the answer is not given again.</summary>
    public required string Access { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When the response was recorded; null while the request runs.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The answer's status; null when done but the answer was too large to keep or held a secret shown once.</summary>
    public int? StatusCode { get; set; }

    public string? ContentType { get; set; }

    public string? Location { get; set; }

    public byte[]? Body { get; set; }
}
