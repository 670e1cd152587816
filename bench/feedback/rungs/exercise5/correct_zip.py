"""Exercise 5: any number of layers, with lists."""
import numpy as np

# Part 2 data: the output is the XOR of the first two input columns.
X = np.array([[0, 0, 1],
              [0, 1, 1],
              [1, 0, 1],
              [1, 1, 1]])
y = np.array([[0, 1, 1, 0]]).T


def nonlin(x, deriv=False):
    return x * (1 - x) if deriv else 1 / (1 + np.exp(-x))


def train(X, y, sizes=(3, 5, 3, 1), alpha=0.5, iterations=10000, seed=1):
    np.random.seed(seed)
    weights = [2 * np.random.random((n_a, n_b)) - 1 for n_a, n_b in zip(sizes, sizes[1:])]
    for _ in range(iterations):
        acts = [X]
        for W in weights:
            acts.append(nonlin(acts[-1] @ W))
        deltas = [(y - acts[-1]) * nonlin(acts[-1], deriv=True)]
        for W, a in zip(weights[:0:-1], acts[-2:0:-1]):
            deltas.append((deltas[-1] @ W.T) * nonlin(a, deriv=True))
        deltas.reverse()            # deltas[j] is now the delta of acts[j + 1]
        for j in reversed(range(len(weights))):
            weights[j] += alpha * (acts[j].T @ deltas[j])
    return tuple(weights)


def predict(X, syn):
    out = X
    for w in syn:
        out = nonlin(np.dot(out, w))
    return out


if __name__ == "__main__":
    syn = train(X, y)
    out = predict(X, syn)
    print("Output After Training:")
    print(out)
    print("Error:", np.mean(np.abs(y - out)))
