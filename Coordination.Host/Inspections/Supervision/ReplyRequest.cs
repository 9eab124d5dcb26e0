namespace Coordination.Host.Inspections.Supervision;

/// <summary>The licensee's reply to the communicated proposal.</summary>
internal sealed record ReplyRequest(string? Text);
