namespace Portcullis.Core.Notifications;

/// <summary>How often a user receives the activity report by email.</summary>
public enum ReportFrequency
{
    Off = 0,
    Daily = 1,
    Weekly = 2,
}
