namespace Coordination.Host.Inspections.Supervision;

/// <summary>The licensee's reply to the communicated proposal, and when it arrived (now when not given).</summary>
internal sealed record ReplyRequest(DateTimeOffset? ReceivedAt, string? Text);
