namespace Coordination.Host.Concerns;

/// <summary>POST /api/concerns: <see cref="RaiseConcern"/>, answered 201 with the deadlines.</summary>
internal static class RaiseConcernEndpoint
{
    public static async Task<IResult> RaiseAsync(RaiseConcernRequest request, HttpContext http, RaiseConcern raise, CancellationToken cancellationToken) =>
        (await raise.ExecuteAsync(request, http.User.Viewer(), cancellationToken)).ToResult(raised =>
            TypedResults.Created($"/api/concerns/{raised.Id}", new
            {
                id = raised.Id,
                protectiveAssessmentDue = raised.ProtectiveAssessmentDue,
                preliminaryAssessmentDue = raised.PreliminaryAssessmentDue,
            }));
}
