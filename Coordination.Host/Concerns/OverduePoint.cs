namespace Coordination.Host.Concerns;

/// <summary>Overdue tasks, assessments and reviews at one instant.</summary>
public sealed record OverduePoint(DateTimeOffset At, int Tasks, int Assessments, int Reviews, int InspectionTasks);
