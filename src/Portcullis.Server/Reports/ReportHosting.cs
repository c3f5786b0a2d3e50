namespace Portcullis.Server.Reports;

/// <summary>Registers the activity-report scheduler.</summary>
public static class ReportHosting
{
    public static IServiceCollection AddActivityReports(this IServiceCollection services) => services;
}
