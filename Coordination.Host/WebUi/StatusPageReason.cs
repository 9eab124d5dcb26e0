namespace Coordination.Host.WebUi;

/// <summary>
/// Why a page's request failed, when its status code alone would not tell the user: set on the
/// request before the status is returned, it makes the <c>/Status/{code}</c> page show the texts
/// of <see cref="Kind"/> (<c>Status.{Kind}.Title</c> and <c>.Text</c>, and <c>.Hint</c> where there
/// is one) instead of the code's, with a link back to <see cref="ReturnPath"/>, the page the
/// request was sent to.
/// </summary>
internal sealed record StatusPageReason(string Kind, string ReturnPath);
