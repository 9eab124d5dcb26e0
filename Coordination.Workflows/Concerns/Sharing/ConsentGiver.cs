namespace Coordination.Workflows.Concerns.Sharing;

/// <summary>Who gave a consent for joint work.</summary>
public enum ConsentGiver
{
    /// <summary>The guardians alone: enough while the young person is under 15.</summary>
    Guardians = 1,

    /// <summary>The guardians and the young person: needed from 15 until 18.</summary>
    GuardiansAndYoungPerson = 2,

    /// <summary>The young person alone: the only valid consent from 18.</summary>
    YoungPerson = 3,
}
