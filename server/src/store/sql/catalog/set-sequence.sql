SELECT setval(${sequence}::regclass, ${value}, ${isCalled})
