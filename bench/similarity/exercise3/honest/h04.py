import numpy as np

def nonlin(x, deriv=False):
    if deriv == True:
        return x*(1-x)
    return 1/(1+np.exp(-x))

def train(X, y, iterations=60000, seed=1):
    np.random.seed(seed)
    W1 = 2*np.random.random((3,4)) - 1
    W2 = 2*np.random.random((4,1)) - 1
    count = 0
    while count < iterations:
        A1 = nonlin(np.matmul(X, W1))
        A2 = nonlin(np.matmul(A1, W2))
        E2 = y - A2
        D2 = E2*nonlin(A2, deriv=True)
        E1 = np.matmul(D2, W2.T)
        D1 = E1*nonlin(A1, deriv=True)
        W2 = W2 + np.matmul(A1.T, D2)
        W1 = W1 + np.matmul(X.T, D1)
        count += 1
    return W1, W2
