public enum TesseraModelPlaceholder {}
