using MlNetFaces.Faces;

namespace MlNetFaces.Tests;

public class NonMaxSuppressionTests
{
    private static readonly FaceBox[] Boxes =
    [
        new(0, 0, 10, 10),   // 0
        new(1, 0, 10, 10),   // 1: IoU with 0 = 90/110 ≈ 0.82
        new(50, 50, 10, 10), // 2: disjoint
        new(0, 5, 10, 10),   // 3: IoU with 0 = 50/150 ≈ 0.33
    ];

    [Fact]
    public void KeepsTheBestOfEachOverlappingGroupInScoreOrder()
    {
        var kept = NonMaxSuppression.Select(Boxes, [0.9f, 0.95f, 0.5f, 0.8f], iouThreshold: 0.5);

        // 1 wins over 0; 3 overlaps 1 by 45/155 ≈ 0.29 ≤ 0.5 and stays.
        Assert.Equal([1, 3, 2], kept);
    }

    [Fact]
    public void AnIouEqualToTheThresholdIsKept()
    {
        var kept = NonMaxSuppression.Select([new FaceBox(0, 0, 10, 10), new FaceBox(0, 5, 10, 10)], [0.9f, 0.8f], iouThreshold: 50.0 / 150);

        Assert.Equal([0, 1], kept);
    }

    [Fact]
    public void StopsAtMaxResults()
    {
        var kept = NonMaxSuppression.Select(Boxes, [0.9f, 0.95f, 0.5f, 0.8f], iouThreshold: 0.5, maxResults: 2);

        Assert.Equal([1, 3], kept);
    }
}
