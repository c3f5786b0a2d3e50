namespace Portcullis.LoadTest;

/// <summary>One pair of measurements, taken back to back.</summary>
public sealed record Round(int Number, RawSample Raw, SignInSample SignIn)
{
    /// <summary>Sign-ins per second over raw Argon2id hashes per second.</summary>
    public double Ratio => Raw.HashesPerSecond == 0 ? double.NaN : SignIn.SignInsPerSecond / Raw.HashesPerSecond;
}
