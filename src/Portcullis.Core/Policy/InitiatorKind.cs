namespace Portcullis.Core.Policy;

/// <summary>Who or what started an operation.</summary>
public enum InitiatorKind
{
    /// <summary>A person in a signed-in session (portal or native client).</summary>
    Session = 0,

    /// <summary>A bot with an API key: no human present.</summary>
    ApiKey = 1,

    /// <summary>A registered desktop workstation acting on its own (client certificate): no fresh human proof.</summary>
    Workstation = 2,
}
