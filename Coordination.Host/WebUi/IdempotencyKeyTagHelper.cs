using Coordination.Host.Security;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Coordination.Host.WebUi;

/// <summary>
/// Gives every posted form a key of its own, drawn when the page is shown, so that sending the
/// same form twice (a double click, the browser's resend) does its work once
/// (<see cref="IdempotentRequests"/>). A form shown again with errors draws a new key.
/// </summary>
[HtmlTargetElement("form", Attributes = "method")]
public sealed class IdempotencyKeyTagHelper : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        if (output.Attributes["method"]?.Value?.ToString() is { } method && method.Equals("post", StringComparison.OrdinalIgnoreCase))
        {
            output.PostContent.AppendHtml($"<input type=\"hidden\" name=\"{IdempotentRequests.FormField}\" value=\"{Guid.NewGuid():N}\">");
        }
    }
}
