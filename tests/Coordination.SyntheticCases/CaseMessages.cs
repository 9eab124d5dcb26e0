namespace Coordination.SyntheticCases;

/// <summary>Raises a concern-shaped case that routes three tasks.</summary>
public sealed record OpenCase(Guid CaseId, Guid[] TaskIds);

/// <summary>Published by the case when it is open and its tasks are assigned (the benchmark times its start step by it).</summary>
public sealed record CaseOpened(Guid CaseId);

/// <summary>Sent by the case to each of its tasks.</summary>
public sealed record AssignTask(Guid TaskId, Guid CaseId);

/// <summary>Published by a task once its reminder is scheduled; the agency answers it.</summary>
public sealed record TaskAssigned(Guid TaskId, Guid CaseId);

/// <summary>The agency accepts the task, which cancels its reminder.</summary>
public sealed record AcceptTask(Guid TaskId);

/// <summary>Published by a task when accepted; the case counts these.</summary>
public sealed record TaskAccepted(Guid TaskId, Guid CaseId);

/// <summary>The reminder a task sends itself if nobody accepts it.</summary>
public sealed record TaskReminderDue(Guid TaskId);

/// <summary>Published when every task of a case is accepted.</summary>
public sealed record CaseClosed(Guid CaseId);
