namespace Coordination.Bench.Workload;

/// <summary>Opens a synthetic case that fans out to three tasks.</summary>
public sealed record OpenCase(Guid CaseId, Guid[] TaskIds);

/// <summary>Published by the case when it is open and its tasks are assigned.</summary>
public sealed record CaseOpened(Guid CaseId);

/// <summary>Sent by the case to each of its tasks.</summary>
public sealed record AssignTask(Guid TaskId, Guid CaseId);

/// <summary>Published by a task once its reminder is scheduled.</summary>
public sealed record TaskAssigned(Guid TaskId, Guid CaseId);

/// <summary>The agency accepts the task, which cancels its reminder.</summary>
public sealed record AcceptTask(Guid TaskId);

/// <summary>Published by a task when accepted; the case counts these.</summary>
public sealed record TaskAccepted(Guid TaskId, Guid CaseId);

/// <summary>The reminder a task would send itself if nobody accepted it.</summary>
public sealed record TaskReminderDue(Guid TaskId);

/// <summary>Published when every task of a case is accepted.</summary>
public sealed record CaseClosed(Guid CaseId);
