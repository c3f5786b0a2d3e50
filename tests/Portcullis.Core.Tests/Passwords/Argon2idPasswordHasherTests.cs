using Portcullis.Core.Passwords;

namespace Portcullis.Core.Tests.Passwords;

public sealed class Argon2idPasswordHasherTests
{
    // Produced by the reference implementation (Debian's argon2 20171227):
    //   echo -n "<password>" | argon2 somesaltsomesalt -id -t 2 -k 19456 -p 1 -l 32 -e
    public static TheoryData<string, string> ReferenceVectors => new()
    {
        { "password", "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE" },
        { "correct horse battery staple", "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$ISO7kkvFzh19GM8qB7patN3C3Y9HHsjlVTfEZ9T600Y" },
        { "Password", "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Hk8sbge1Qvn10bfKXQ8hzNOQYlbrLQNAwAUvs/tQZfQ" },
    };

    private static readonly Argon2idPasswordHasher Hasher = new(new PasswordOptions());

    [Theory]
    [MemberData(nameof(ReferenceVectors))]
    public void Verify_AcceptsHashesFromTheReferenceImplementation(string password, string phc)
    {
        Assert.Equal(PasswordVerification.Succeeded, Hasher.Verify(password, phc));
    }

    [Theory]
    [MemberData(nameof(ReferenceVectors))]
    public void Verify_RejectsAnotherPasswordAgainstReferenceHashes(string password, string phc)
    {
        Assert.Equal(PasswordVerification.Failed, Hasher.Verify(password + "x", phc));
    }

    [Fact]
    public void Verify_NormalisesToNfkc_SoFullWidthInputMatchesAscii()
    {
        // NFKC("Ｐａｓｓｗｏｒｄ") == "Password"; the reference hash is of the ASCII form.
        Assert.Equal(PasswordVerification.Succeeded,
            Hasher.Verify("Ｐａｓｓｗｏｒｄ", "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Hk8sbge1Qvn10bfKXQ8hzNOQYlbrLQNAwAUvs/tQZfQ"));
    }

    [Fact]
    public void Hash_WritesPhcWithConfiguredParametersAndFreshSalt()
    {
        var first = Hasher.Hash("a long enough passphrase");
        var second = Hasher.Hash("a long enough passphrase");

        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.True(PhcHash.TryParse(first, out var parsed));
        Assert.Equal(16, parsed!.Salt.Length);
        Assert.Equal(32, parsed.Hash.Length);
        Assert.Equal(PasswordVerification.Succeeded, Hasher.Verify("a long enough passphrase", first));
    }

    [Fact]
    public void Verify_HashWithOtherParameters_SucceedsAndAsksForRehash()
    {
        // echo -n password | argon2 somesaltsomesalt -id -t 3 -k 8192 -p 1 -l 32 -e
        const string older = "$argon2id$v=19$m=8192,t=3,p=1$c29tZXNhbHRzb21lc2FsdA$ApULVYDZxJCfeJZ/s6a/6fCDntZLkysRiroh7IlwWyk";

        Assert.Equal(PasswordVerification.SucceededRehashNeeded, Hasher.Verify("password", older));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a hash")]
    [InlineData("$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=4$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    [InlineData("$argon2id$v=16$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    public void Verify_MalformedOrUnsupportedStoredHash_FailsWithoutThrowing(string stored)
    {
        Assert.Equal(PasswordVerification.Failed, Hasher.Verify("password", stored));
    }

    [Fact]
    public void VerifyDummy_NeverSucceeds()
    {
        Assert.False(Hasher.VerifyDummy("password"));
        Assert.False(Hasher.VerifyDummy(string.Empty));
    }
}
