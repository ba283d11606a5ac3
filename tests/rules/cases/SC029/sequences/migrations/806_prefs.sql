CREATE TABLE prefs (id int, n int DEFAULT 0, flag boolean DEFAULT true, label text DEFAULT 0);
