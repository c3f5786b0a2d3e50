namespace Portcullis.Server.Reports;

/// <summary>Registers the activity-report scheduler.</summary>
public static class ReportHosting
{
    /// <summary>
    /// The scheduler is always resolvable (tests and operators can run a pass with
    /// <see cref="ActivityReportScheduler.RunOnceAsync"/>); its background loop runs only when
    /// <c>Notifications:Reports:Enabled</c> is true (it returns at once otherwise).
    /// </summary>
    public static IServiceCollection AddActivityReports(this IServiceCollection services)
    {
        services.AddSingleton<ActivityReportScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<ActivityReportScheduler>());
        return services;
    }
}
