void frame(double dt) { (void)dt; }
